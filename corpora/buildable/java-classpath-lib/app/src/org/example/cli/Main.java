package org.example.cli;

import org.example.text.Wrap;

public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int width = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String text = "Multi-stage builds keep compilers out of the image that ships to production.";
        int n = 1;
        for (String line : Wrap.lines(text, width)) {
            System.out.printf("%2d | %s%n", n++, line);
        }
    }
}
