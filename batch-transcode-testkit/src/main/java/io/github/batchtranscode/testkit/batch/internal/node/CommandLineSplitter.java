package io.github.batchtranscode.testkit.batch.internal.node;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a task command line into argv the way the Linux node agent does, without a shell: blanks separate
 * arguments; {@code '…'} is literal; inside {@code "…"} a backslash escapes {@code " \ $ `}; outside quotes a
 * backslash escapes the next character; adjacent pieces join ({@code a"b c"} is {@code ab c}).
 * {@code $VAR} is not expanded. Stateless.
 */
public final class CommandLineSplitter {
    private CommandLineSplitter() {
    }

    /**
     * @throws IllegalArgumentException on an unclosed quote or a trailing backslash, or when there is no program
     */
    public static List<String> split(String commandLine) {
        List<String> argv = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inArg = false;
        int i = 0;
        int n = commandLine.length();
        while (i < n) {
            char c = commandLine.charAt(i);
            if (c == '\'') {
                int close = commandLine.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed single quote at position " + i);
                }
                cur.append(commandLine, i + 1, close);
                inArg = true;
                i = close + 1;
            } else if (c == '"') {
                i = doubleQuoted(commandLine, i + 1, cur);
                inArg = true;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new IllegalArgumentException("trailing backslash");
                }
                cur.append(commandLine.charAt(i + 1));
                inArg = true;
                i += 2;
            } else if (Character.isWhitespace(c)) {
                if (inArg) {
                    argv.add(cur.toString());
                    cur.setLength(0);
                    inArg = false;
                }
                i++;
            } else {
                cur.append(c);
                inArg = true;
                i++;
            }
        }
        if (inArg) {
            argv.add(cur.toString());
        }
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("the command line is empty");
        }
        return argv;
    }

    private static int doubleQuoted(String s, int i, StringBuilder cur) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < s.length() && "\"\\$`".indexOf(s.charAt(i + 1)) >= 0) {
                cur.append(s.charAt(i + 1));
                i += 2;
            } else {
                cur.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("unclosed double quote");
    }
}
