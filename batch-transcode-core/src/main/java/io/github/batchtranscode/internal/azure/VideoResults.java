package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.internal.ffmpeg.HlsMaster;
import io.github.batchtranscode.internal.ffmpeg.MediaProbe;
import io.github.batchtranscode.internal.ffmpeg.OutputVerifier;
import io.github.batchtranscode.internal.ffmpeg.VideoPlan;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Fetches and verifies the outputs of a succeeded video task: each output is downloaded under a temporary name in
 * its final folder (an HLS folder's tree into a temporary folder, then its {@code master.m3u8} is written from the
 * media playlists), verified with the local backend's {@link OutputVerifier}, and only then renamed into place; a
 * verified HLS folder's master is also uploaded beside its playlists in the container, so the container's
 * {@code <stem>.hls/} folder plays as it is for a consumer that never downloads it. An
 * output that fails verification is FAILED and never placed, as locally. The verification runs on the client
 * because that is where the user's copy is: what is checked is what the user gets.
 */
final class VideoResults {
    private final BlobStore blobs;
    private final String container;
    private final Path outputDir;
    private final MediaProbe probe;
    private final OutputVerifier verifier;
    private final boolean verify;

    VideoResults(BlobStore blobs, String container, Path outputDir, MediaProbe probe, boolean verify) {
        this.blobs = blobs;
        this.container = container;
        this.outputDir = outputDir;
        this.probe = probe;
        this.verifier = new OutputVerifier(probe);
        this.verify = verify;
    }

    /**
     * Every output of an input whose tasks succeeded (or that needed no task): each downloaded (when there is an
     * output directory) and verified; a refused format's outputs FAILED with its reason.
     */
    List<OutputResult> fetch(PlannedFile file, VideoTasks.Planned planned, String md5) {
        return collect(file, planned, md5, (part, output) -> null);
    }

    /**
     * Every output of an input: FAILED with {@code failure}'s reason when the task that was to make it did not
     * succeed (a {part index, output index} → reason or null), else fetched and verified; what was found in the
     * container (SKIP_EXISTING) is always fetched.
     */
    List<OutputResult> collect(PlannedFile file, VideoTasks.Planned planned, String md5,
            java.util.function.BiFunction<Integer, Integer, String> failure) {
        List<OutputResult> outs = new ArrayList<>();
        for (VideoTasks.Part part : planned.parts()) {
            for (int i = 0; i < part.finals().size(); i++) {
                String name = part.finals().get(i);
                String failed = part.code() != null || part.reused() ? null : failure.apply(part.index(), i);
                if (part.code() != null) {
                    outs.add(bad(part, name, part.error(), null));
                } else if (failed != null) {
                    outs.add(bad(part, name, failed, null));
                } else {
                    outs.add(fetchOne(file, planned.source(), part, i, md5));
                }
            }
        }
        return outs;
    }

    /** The failure code of a row with failed outputs: the first refused format's, else {@code VERIFICATION}. */
    static FailureCode failureCode(VideoTasks.Planned planned, List<OutputResult> outs) {
        int at = 0;
        for (VideoTasks.Part part : planned.parts()) {
            for (int i = 0; i < part.finals().size(); i++, at++) {
                if (at < outs.size() && !outs.get(at).succeeded()) {
                    return part.code() != null ? part.code() : FailureCode.VERIFICATION;
                }
            }
        }
        return FailureCode.VERIFICATION;
    }

    private OutputResult fetchOne(PlannedFile file, MediaProbe.Info in, VideoTasks.Part part, int i, String md5) {
        if (outputDir == null) {
            return fetchToScratch(file, in, part, i, md5);
        }
        return fetchInto(outputDir, true, file, in, part, i, md5);
    }

    /** Without an output directory the outputs stay in the container; they are still downloaded and verified. */
    private OutputResult fetchToScratch(PlannedFile file, MediaProbe.Info in, VideoTasks.Part part, int i,
            String md5) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("batch-transcode-verify-");
            return fetchInto(scratch, false, file, in, part, i, md5);
        } catch (IOException e) {
            return bad(part, part.finals().get(i), "could not make a scratch folder to verify the output: "
                    + e.getMessage(), null);
        } finally {
            if (scratch != null) {
                delete(scratch);
            }
        }
    }

    private OutputResult fetchInto(Path dir, boolean keep, PlannedFile file, MediaProbe.Info in,
            VideoTasks.Part part, int i, String md5) {
        String name = part.finals().get(i);
        String blob = VideoTasks.blob(md5, part, i);
        Path target = dir.resolve(name);
        Path placed = part.hls() ? target.getParent() : target;
        Path temp = placed.resolveSibling("." + file.taskId() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL) + ".partial."
                + placed.getFileName());
        OutputVerifier.Expect expect = part.audio() ? null : VideoPlan.expect(part.preset(),
                part.rungs().get(part.hls() ? 0 : i)[0], in.hasAudio(), in.mediaSeconds());
        try {
            if (part.hls()) {
                List<BlobStore.Listed> tree = blobs.list(container, blob + "/");
                if (tree.isEmpty()) {
                    return bad(part, name, "the task succeeded but uploaded no HLS files under " + blob + "/", null);
                }
                for (BlobStore.Listed b : tree) {
                    if (b.name().equals(blob + "/" + HlsMaster.MASTER)) {
                        continue; // an earlier run's master: written again from the playlists below
                    }
                    blobs.download(container, b.name(), temp.resolve(b.name().substring(blob.length() + 1)));
                }
                HlsMaster.write(temp, part.rungs(), in.video(), probe);
            } else {
                if (!blobs.exists(container, blob)) {
                    return bad(part, name, "the task succeeded but uploaded no output to " + blob, null);
                }
                blobs.download(container, blob, temp);
            }
            Path check = part.hls() ? temp.resolve(HlsMaster.MASTER) : temp;
            OutputVerifier.Media m = !verify ? new OutputVerifier.Media(true, null, null, null, null, null, null)
                    : part.audio() ? audio(verifier.verify(check, in.audioSeconds()), part)
                    : part.hls() ? verifier.verifyHls(check, expect) : verifier.verifyVideo(check, expect);
            if (!m.ok()) {
                return bad(part, name, m.problem() + " (the output stays in container [" + container + "] as "
                        + blob + ")", m);
            }
            if (part.hls()) {
                // the container's folder gets its master too, so it plays from Blob Storage as it is
                blobs.uploadText(container, blob + "/" + HlsMaster.MASTER, Files.readString(check),
                        "application/vnd.apple.mpegurl");
            }
            long bytes = size(temp);
            if (!keep) {
                return OutputResult.builder().path(name).blob(part.hls() ? blob + "/" + HlsMaster.MASTER : blob)
                        .preset(part.key()).status(FileStatus.SUCCEEDED).width(m.width()).height(m.height()).videoCodec(m.videoCodec()).audioCodec(m.audioCodec())
                        .durationSeconds(m.seconds()).bytes(bytes).encoder(part.encoder()).build();
            }
            Files.createDirectories(placed.getParent());
            if (part.hls()) {
                delete(placed);
                Files.move(temp, placed, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(temp, placed, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return OutputResult.builder().path(name).blob(part.hls() ? blob + "/" + HlsMaster.MASTER : blob)
                    .preset(part.key()).status(FileStatus.SUCCEEDED).width(m.width()).height(m.height()).videoCodec(m.videoCodec()).audioCodec(m.audioCodec())
                    .durationSeconds(m.seconds()).bytes(bytes).encoder(part.encoder()).build();
        } catch (IOException e) {
            return bad(part, name, "could not place the downloaded output: " + e.getMessage(), null);
        } finally {
            delete(temp);
        }
    }

    /** An audio output's verdict in the video results' terms; the codec is the preset's. */
    private static OutputVerifier.Media audio(OutputVerifier.Verdict v, VideoTasks.Part part) {
        String codec = part.preset() == null ? null : switch (part.preset()) {
            case MP3 -> "mp3";
            case AAC -> "aac";
            case OPUS -> "opus";
            default -> null;
        };
        return new OutputVerifier.Media(v.ok(), v.problem(), null, null, null, codec, v.outputSeconds());
    }

    private static OutputResult bad(VideoTasks.Part part, String name, String error, OutputVerifier.Media m) {
        return OutputResult.builder().path(name).preset(part.key()).status(FileStatus.FAILED).error(error)
                .width(m == null ? null : m.width()).height(m == null ? null : m.height())
                .videoCodec(m == null ? null : m.videoCodec()).audioCodec(m == null ? null : m.audioCodec())
                .durationSeconds(m == null ? null : m.seconds()).encoder(part.encoder()).build();
    }

    private static long size(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return Files.size(p);
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void delete(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary name never looks like a finished output
        }
    }
}
