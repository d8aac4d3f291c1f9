package io.github.batchtranscode.internal.ffmpeg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Asks ffprobe for a file's streams and durations. */
public final class MediaProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path ffprobe;

    public MediaProbe(Path ffprobe) {
        this.ffprobe = ffprobe;
    }

    /**
     * What ffprobe saw.
     *
     * @param readable      whether ffprobe could open the file as media
     * @param hasAudio      whether it has an audio stream
     * @param streamTypes   the stream types found, e.g. {@code [video, audio]}
     * @param audioSeconds  the first audio stream's duration (or the container's when the stream has none), or null
     * @param error         ffprobe's complaint when the file is unreadable
     */
    public record Info(boolean readable, boolean hasAudio, List<String> streamTypes, Double audioSeconds, String error) {
    }

    public Info probe(Path file) {
        List<String> argv = List.of(ffprobe.toString(), "-v", "error", "-show_entries",
                "stream=codec_type,duration:format=duration", "-of", "json", file.toString());
        try {
            Path err = java.nio.file.Files.createTempFile("ffprobe-", ".err");
            try {
                Process p = new ProcessBuilder(argv).redirectError(err.toFile())
                        .start();
        p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Info(false, false, List.of(), null, "ffprobe did not answer within 60 s");
                }
                if (p.exitValue() != 0) {
                    return new Info(false, false, List.of(), null, StderrTail.of(err));
                }
                return parse(new String(out, StandardCharsets.UTF_8));
            } finally {
                java.nio.file.Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return new Info(false, false, List.of(), null, "ffprobe could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Info(false, false, List.of(), null, "interrupted");
        }
    }

    static Info parse(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        List<String> types = new java.util.ArrayList<>();
        Double audio = null;
        for (JsonNode s : root.path("streams")) {
            String type = s.path("codec_type").asText("");
            types.add(type);
            if (audio == null && type.equals("audio")) {
                audio = number(s.path("duration"));
                if (audio == null) {
                    audio = number(root.path("format").path("duration"));
                }
            }
        }
        return new Info(true, types.contains("audio"), List.copyOf(types), audio, null);
    }

    private static Double number(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        try {
            double d = Double.parseDouble(n.asText());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
