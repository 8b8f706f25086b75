public final class Fizz {
    private Fizz() {}

    static String say(int n) {
        if (n % 15 == 0) return "FizzBuzz";
        if (n % 3 == 0) return "Fizz";
        if (n % 5 == 0) return "Buzz";
        return Integer.toString(n);
    }

    public static void main(String[] args) {
        int limit = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= limit; i++) {
            out.append(say(i)).append(i < limit ? " " : "\n");
        }
        System.out.print(out);
    }
}
