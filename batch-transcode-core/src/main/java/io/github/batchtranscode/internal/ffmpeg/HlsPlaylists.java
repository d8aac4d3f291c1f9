package io.github.batchtranscode.internal.ffmpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads and writes the HLS playlists of one output folder (RFC 8216): relative URIs only. */
public final class HlsPlaylists {
    private HlsPlaylists() {
    }

    /**
     * A variant stream in the master playlist.
     *
     * @param uri       the media playlist, relative to the master
     * @param bandwidth peak bits per second over the segments
     * @param average   average bits per second
     * @param width     displayed width
     * @param height    displayed height
     * @param codecs    the RFC 6381 codecs ({@code avc1.64001f,mp4a.40.2}), or null to leave the attribute out
     */
    public record Variant(String uri, long bandwidth, long average, int width, int height, String codecs) {
    }

    /**
     * A media playlist.
     *
     * @param segments the segment URIs, relative to the playlist
     * @param seconds  each segment's {@code #EXTINF} duration
     * @param ended    whether it has {@code #EXT-X-ENDLIST}
     */
    public record Media(List<String> segments, List<Double> seconds, boolean ended) {
        /** The sum of the segment durations. */
        public double totalSeconds() {
            return seconds.stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** The master playlist's text. */
    public static String master(List<Variant> variants) {
        StringBuilder sb = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (Variant v : variants) {
            sb.append(String.format(Locale.ROOT, "#EXT-X-STREAM-INF:BANDWIDTH=%d,AVERAGE-BANDWIDTH=%d,RESOLUTION=%dx%d",
                    v.bandwidth(), v.average(), v.width(), v.height()));
            if (v.codecs() != null) {
                sb.append(",CODECS=\"").append(v.codecs()).append('"');
            }
            sb.append('\n').append(v.uri()).append('\n');
        }
        return sb.toString();
    }

    /**
     * The variant URIs of a master playlist.
     *
     * @throws IOException when it cannot be read, lacks {@code #EXTM3U}, names no variant or an absolute URI
     */
    public static List<String> readMaster(Path master) throws IOException {
        List<String> lines = lines(master);
        List<String> uris = new ArrayList<>();
        boolean expectUri = false;
        for (String line : lines) {
            if (line.startsWith("#EXT-X-STREAM-INF:")) {
                expectUri = true;
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                if (!expectUri) {
                    throw new IOException(master.getFileName() + " names " + line + " without #EXT-X-STREAM-INF");
                }
                uris.add(relative(master, line));
                expectUri = false;
            }
        }
        if (uris.isEmpty()) {
            throw new IOException(master.getFileName() + " names no variant stream");
        }
        return uris;
    }

    /**
     * Parses a media playlist.
     *
     * @throws IOException when it cannot be read, lacks {@code #EXTM3U}, has a bad {@code #EXTINF} or an absolute URI
     */
    public static Media readMedia(Path playlist) throws IOException {
        List<String> segments = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        boolean ended = false;
        Double pending = null;
        for (String line : lines(playlist)) {
            if (line.startsWith("#EXTINF:")) {
                String v = line.substring(8);
                int comma = v.indexOf(',');
                try {
                    pending = Double.parseDouble(comma < 0 ? v : v.substring(0, comma));
                } catch (NumberFormatException e) {
                    throw new IOException(playlist.getFileName() + " has a bad duration: " + line);
                }
            } else if (line.equals("#EXT-X-ENDLIST")) {
                ended = true;
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                if (pending == null) {
                    throw new IOException(playlist.getFileName() + " names " + line + " without #EXTINF");
                }
                segments.add(relative(playlist, line));
                seconds.add(pending);
                pending = null;
            }
        }
        return new Media(List.copyOf(segments), List.copyOf(seconds), ended);
    }

    private static List<String> lines(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).toList();
        if (lines.isEmpty() || !lines.get(0).equals("#EXTM3U")) {
            throw new IOException(file.getFileName() + " is not an HLS playlist: it does not start with #EXTM3U");
        }
        return lines;
    }

    private static String relative(Path playlist, String uri) throws IOException {
        if (uri.contains("://") || uri.startsWith("/") || uri.contains("..") || uri.contains("\\")) {
            throw new IOException(playlist.getFileName() + " names " + uri + ": not a relative URI inside the folder,"
                    + " so the folder would not play offline");
        }
        return uri;
    }
}
