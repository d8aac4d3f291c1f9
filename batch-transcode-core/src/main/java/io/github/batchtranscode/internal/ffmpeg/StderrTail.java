package io.github.batchtranscode.internal.ffmpeg;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The last meaningful lines of what ffmpeg (or a task) wrote to stderr, trimmed for a report row. */
public final class StderrTail {
    private static final int READ_BYTES = 16 * 1024;
    private static final int MAX_LINES = 4;
    private static final int MAX_CHARS = 600;
    private static final Pattern NOISE = Pattern.compile(
            "^(size=|frame=|video:|audio:|\\s*Stream #|\\s*Metadata:|\\s*Duration:|Press \\[q\\]|Input #|Output #|"
            + "\\s*(encoder|handler_name|major_brand|minor_version|compatible_brands|creation_time)\\s*:|"
            + "ffmpeg version|\\s*built with|\\s*configuration:|\\s*lib(av|sw|post)\\w+\\s).*");
    /** What {@code -loglevel info} adds: the stream blocks (indented) and the muxer's summary. */
    private static final Pattern INFO = Pattern.compile(
            "^(\\s{2,}\\S.*|Stream mapping:.*|\\[out#\\d+/[^\\]]*\\] video:.*)");
    private static final Pattern POINTER = Pattern.compile(" @ 0x[0-9a-fA-F]+");

    private StderrTail() {
    }

    /** The meaningful tail of a file, or an empty string when it is missing or empty. */
    public static String of(Path file) {
        return of(file, null);
    }

    /** The meaningful tail of a file that ffmpeg wrote at {@code -loglevel info}: its stream blocks left out. */
    public static String ofInfo(Path file) {
        return of(file, INFO);
    }

    private static String of(Path file, Pattern extra) {
        try {
            if (file == null || !Files.exists(file)) {
                return "";
            }
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                long len = raf.length();
                long from = Math.max(0, len - READ_BYTES);
                byte[] buf = new byte[(int) (len - from)];
                raf.seek(from);
                raf.readFully(buf);
                return of(new String(buf, StandardCharsets.UTF_8), extra);
            }
        } catch (IOException e) {
            return "";
        }
    }

    /** As {@link #ofInfo(Path)}, for text already read (a task's stderr.txt). */
    public static String ofInfo(String text) {
        return of(text, INFO);
    }

    /** The meaningful tail of some text: the last few non-noise lines, joined with " | ". */
    public static String of(String text) {
        return of(text, null);
    }

    private static String of(String text, Pattern extra) {
        String[] lines = text.replace("\r", "\n").split("\n");
        List<String> kept = new ArrayList<>();
        for (int i = lines.length - 1; i >= 0 && kept.size() < MAX_LINES; i--) {
            String line = POINTER.matcher(lines[i].strip()).replaceAll("");
            if (extra != null && extra.matcher(lines[i]).matches()) {
                continue;
            }
            if (line.isEmpty() || NOISE.matcher(line).matches() || (!kept.isEmpty() && kept.get(0).equals(line))) {
                continue;
            }
            kept.add(0, line);
        }
        String joined = String.join(" | ", kept);
        return joined.length() <= MAX_CHARS ? joined : "…" + joined.substring(joined.length() - MAX_CHARS + 1);
    }
}
