package org.example.greeter;

final class Greeting {
    private Greeting() {}

    static String forName(String name) {
        return "Hello, " + name + ", from the JDK HTTP server\n";
    }
}
