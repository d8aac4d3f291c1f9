package io.github.batchtranscode.internal.ffmpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an HLS folder's {@code master.m3u8} from the media playlists ffmpeg wrote ({@code <label>p/index.m3u8}):
 * measured peak and average bit rates, resolution and RFC 6381 codecs. Shared by every backend, so an HLS folder
 * looks the same whether it was encoded locally or on a Batch node.
 */
public final class HlsMaster {
    /** The master playlist's name in an HLS folder. */
    public static final String MASTER = "master.m3u8";

    private HlsMaster() {
    }

    /**
     * @param hlsDir the folder holding the variant folders
     * @param rungs  {height, label} per variant, as {@link VideoPlan#rungs} gives them
     * @param source the probed source, for the variants' widths
     * @param probe  reads the first segment's codecs
     */
    public static void write(Path hlsDir, List<int[]> rungs, MediaProbe.Video source, MediaProbe probe)
            throws IOException {
        List<HlsPlaylists.Variant> variants = new ArrayList<>();
        for (int[] r : rungs) {
            String uri = r[1] + "p/index.m3u8";
            Path playlist = hlsDir.resolve(uri);
            if (!Files.exists(playlist)) {
                continue; // verification reports the missing variant
            }
            HlsPlaylists.Media media = HlsPlaylists.readMedia(playlist);
            long peak = 0;
            long total = 0;
            for (int i = 0; i < media.segments().size(); i++) {
                Path segment = playlist.resolveSibling(media.segments().get(i));
                long bytes = Files.exists(segment) ? Files.size(segment) : 0;
                total += bytes;
                peak = Math.max(peak, (long) (bytes * 8 / Math.max(0.1, media.seconds().get(i))));
            }
            long average = (long) (total * 8 / Math.max(0.1, media.totalSeconds()));
            int width = 2 * (int) Math.round(r[0] * (double) source.width() / source.height() / 2); // as scale=-2 does
            String codecs = media.segments().isEmpty() ? null
                    : probe.probe(playlist.resolveSibling(media.segments().get(0))).codecs();
            variants.add(new HlsPlaylists.Variant(uri, Math.max(peak, average), average, width, r[0], codecs));
        }
        Files.writeString(hlsDir.resolve(MASTER), HlsPlaylists.master(variants), StandardCharsets.UTF_8);
    }
}
