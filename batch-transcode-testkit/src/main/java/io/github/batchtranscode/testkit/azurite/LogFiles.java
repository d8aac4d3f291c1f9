package io.github.batchtranscode.testkit.azurite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads what child processes wrote to their log files, for error messages. */
final class LogFiles {
    private LogFiles() {
    }

    /** The file's text, or an empty string when it cannot be read. */
    static String read(Path log) {
        try {
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The last {@code lines} non-blank lines of the file, joined with {@code " | "}. */
    static String tail(Path log, int lines) {
        List<String> all = read(log).lines().filter(l -> !l.isBlank()).toList();
        return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
