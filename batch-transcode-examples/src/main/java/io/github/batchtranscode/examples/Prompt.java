package io.github.batchtranscode.examples;

import java.io.Console;
import java.util.Locale;

/** Yes/no questions, asked only when a terminal is attached. */
interface Prompt {
    /** Never asks: every question gets its default. */
    Prompt NONE = (question, dflt) -> dflt;

    /** Asks {@code question}; returns {@code dflt} on an empty answer or without a terminal. */
    boolean ask(String question, boolean dflt);

    /** Asks on the console when there is one, else answers every question with its default. */
    static Prompt console() {
        Console console = System.console();
        if (console == null) {
            return NONE;
        }
        return (question, dflt) -> {
            String answer = console.readLine("%s [%s] ", question, dflt ? "Y/n" : "y/N");
            if (answer == null || answer.isBlank()) {
                return dflt;
            }
            return answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
        };
    }
}
