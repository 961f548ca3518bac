package dev.revenant.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code revenant} command. Sub-commands: {@code server}. Exit codes: 0 success, 1 runtime
 * failure, 2 bad usage (with a one-line error on stderr).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            out.println(usage());
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "server":
                    return ServerCommand.run(ServerOptions.parse(rest), out);
                default:
                    err.println("revenant: unknown command '" + args[0] + "'\n" + usage());
                    return 2;
            }
        } catch (UsageException e) {
            err.println("revenant: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("revenant: " + e.getMessage());
            return 1;
        }
    }

    static String usage() {
        return "usage: revenant server [--amqp-port 5672] [--http-port 15672] [--data-dir ./data] [--config FILE]";
    }
}
