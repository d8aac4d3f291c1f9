package io.github.batchtranscode.examples;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard output is an interactive terminal, and how wide it is. */
final class Terminal {
    private static final int DEFAULT_COLUMNS = 80;

    private Terminal() {
    }

    /**
     * True when a terminal is attached and understands escape sequences: {@code System.console()} exists, it is a
     * terminal (JDK 22+ returns a console for redirected streams too; its {@code isTerminal()} tells them apart),
     * and {@code TERM} is not {@code dumb}.
     */
    static boolean interactive() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 17-21: a console exists only for a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** The terminal's width from {@code COLUMNS} when the shell exports it, else 80. */
    static int columns() {
        String columns = System.getenv("COLUMNS");
        try {
            int n = columns == null ? DEFAULT_COLUMNS : Integer.parseInt(columns.trim());
            return n >= 20 ? n : DEFAULT_COLUMNS;
        } catch (NumberFormatException e) {
            return DEFAULT_COLUMNS;
        }
    }
}
