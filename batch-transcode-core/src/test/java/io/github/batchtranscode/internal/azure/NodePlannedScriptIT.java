package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.batchtranscode.internal.ffmpeg.Encoders;
import io.github.batchtranscode.internal.ffmpeg.FfmpegLocator;
import io.github.batchtranscode.internal.ffmpeg.FfmpegTools;
import io.github.batchtranscode.internal.ffmpeg.MediaProbe;
import io.github.batchtranscode.internal.ffmpeg.SyntheticMedia;
import io.github.batchtranscode.internal.ffmpeg.VideoPlan;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.Preset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node-planned script ({@code node-planned.sh}) run with bash and real ffmpeg, as a node runs it: what it
 * decides from its own probe must be what {@link VideoPlan} decides locally from the client's probe. For each source
 * (heights around the ladder's rungs, with and without audio, a rotated phone clip) the argument list the node ran
 * for each format is compared with the local backend's, argument by argument, so the placeholders and the
 * candidates' conditions cannot drift from the one source of truth in Java.
 */
class NodePlannedScriptIT {
    private static final FfmpegTools TOOLS = new FfmpegLocator().locate(null);
    private static final SyntheticMedia MEDIA = new SyntheticMedia(TOOLS);
    private static final MediaProbe PROBE = new MediaProbe(TOOLS.ffprobe());
    private static final Encoders ENCODERS = Encoders.of(TOOLS.ffmpeg());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<OutputFormat> FORMATS = List.of(OutputFormat.of(Preset.H264_LADDER),
            OutputFormat.of(Preset.HLS), OutputFormat.of(Preset.H264_720P), OutputFormat.of(Preset.THUMBNAIL),
            OutputFormat.of(Preset.MP3));
    @TempDir
    Path tmp;

    @Test
    void theNodeRunsWhatTheLocalPlanWouldForEachSource() throws Exception {
        Path wide = MEDIA.video(tmp.resolve("src/wide.mp4"), 854, 480, 1.0, true);
        Path small = MEDIA.video(tmp.resolve("src/small.mp4"), 320, 242, 1.0, false);
        Path phone = MEDIA.rotated(MEDIA.video(tmp.resolve("src/land.mp4"), 640, 360, 1.0, true),
                tmp.resolve("src/phone.mp4"), 90);

        for (Path source : List.of(wide, small, phone)) {
            Path wd = run(source, FORMATS);
            MediaProbe.Info in = PROBE.probe(source);
            JsonNode result = JSON.readTree(wd.resolve("result.json").toFile());
            for (int i = 0; i < FORMATS.size(); i++) {
                OutputFormat f = FORMATS.get(i);
                JsonNode r = result.path("formats").path(i);
                if (!f.isVideo()) {
                    assertThat(r.path("code").asText(null)).as(source + " " + f).isEqualTo(in.hasAudio() ? null
                            : "NO_AUDIO");
                    continue;
                }
                List<String> ran = Files.readAllLines(wd.resolve("ran-" + i + ".txt"));
                assertThat(ran).as(source.getFileName() + " " + f.key()).isEqualTo(local(f.preset(), i, in));
                assertThat(r.path("outputs")).as(source + " " + f + ": " + r)
                        .allSatisfy(o -> assertThat(o.path("ok").asBoolean()).isTrue());
            }
        }
    }

    @Test
    void theNodesHlsMasterAndFactsAreTheLocalBackendsAndABadOutputIsDeleted() throws Exception {
        Path cut = MEDIA.video(tmp.resolve("src/cut.mp4"), 640, 360, 1.5, true);
        byte[] all = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));

        Path wd = run(cut, List.of(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.MP3)));

        JsonNode result = JSON.readTree(wd.resolve("result.json").toFile());
        JsonNode video = result.path("formats").path(0).path("outputs").path(0);
        assertThat(video.path("ok").asBoolean()).isFalse();
        assertThat(video.path("problem").asText()).contains("but the input is 1.50 s").contains("truncated");
        assertThat(wd.resolve("out/00/360p.mp4")).doesNotExist();
    }

    @Test
    void outputsThatExistAreNotMadeAgainAndWhatIsMadeAgainIsNotLeftForUpload() throws Exception {
        Path wide = MEDIA.video(tmp.resolve("src/wide.mp4"), 854, 480, 1.0, true);
        List<OutputFormat> formats = List.of(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.HLS),
                OutputFormat.of(Preset.MP3));

        // the 480p rung, the HLS folder and the mp3 exist; the 360p rung does not
        Path wd = run(wide, formats, "0:480 1:hls 2:audio");

        JsonNode result = JSON.readTree(wd.resolve("result.json").toFile());
        JsonNode ladder = result.path("formats").path(0).path("outputs");
        assertThat(wd.resolve("ran-0.txt")).as("one ffmpeg run makes both rungs").exists();
        assertThat(ladder.path(0).path("reused").asBoolean()).as(ladder.toString()).isTrue();
        assertThat(wd.resolve("out/00/480p.mp4")).as("made again, but its blob is kept").doesNotExist();
        assertThat(ladder.path(1).path("reused").asBoolean()).isFalse();
        assertThat(ladder.path(1).path("ok").asBoolean()).isTrue();
        assertThat(wd.resolve("out/00/360p.mp4")).isNotEmptyFile();
        for (int i : new int[] {1, 2}) {
            JsonNode r = result.path("formats").path(i);
            assertThat(wd.resolve("ran-" + i + ".txt")).as("format " + i + " not encoded").doesNotExist();
            assertThat(r.path("code").isNull()).as(r.toString()).isTrue();
            assertThat(r.path("outputs").path(0).path("reused").asBoolean()).isTrue();
        }
        assertThat(wd.resolve("out/01/hls")).doesNotExist();
        assertThat(wd.resolve("out/02/audio.mp3")).doesNotExist();
    }

    @Test
    void aSmallSourcesOwnHeightRungIsKnownByItsHeightAndAnAudioOutputIsKeptWhateverTheSource() throws Exception {
        Path small = MEDIA.video(tmp.resolve("src/small.mp4"), 320, 240, 1.0, false);

        Path wd = run(small, List.of(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.MP3)),
                "0:240 1:audio");

        JsonNode result = JSON.readTree(wd.resolve("result.json").toFile());
        assertThat(wd.resolve("ran-0.txt")).doesNotExist();
        JsonNode own = result.path("formats").path(0).path("outputs").path(0);
        assertThat(own.path("reused").asBoolean()).as(own.toString()).isTrue();
        assertThat(own.path("label").asInt()).isEqualTo(240);
        // its name does not depend on the source: kept although this source could not make it, as locally
        JsonNode mp3 = result.path("formats").path(1);
        assertThat(mp3.path("code").isNull()).as(mp3.toString()).isTrue();
        assertThat(mp3.path("outputs").path(0).path("reused").asBoolean()).isTrue();
        assertThat(wd.resolve("ran-1.txt")).doesNotExist();
    }

    @Test
    void aFileThatIsNotMediaIsInvalidInputForEveryFormat() throws Exception {
        List<OutputFormat> formats = List.of(OutputFormat.of(Preset.H264_LADDER), OutputFormat.of(Preset.MP3));
        for (Path bad : List.of(SyntheticMedia.text(tmp.resolve("src/notes.mp4")),
                SyntheticMedia.garbage(tmp.resolve("src/garbage.mp4"), 64 * 1024, 42),
                SyntheticMedia.empty(tmp.resolve("src/empty.mp4")))) {
            Path wd = run(bad, formats);

            JsonNode result = JSON.readTree(wd.resolve("result.json").toFile());
            assertThat(result.path("formats")).as(bad + ": " + result).hasSize(2)
                    .allSatisfy(r -> assertThat(r.path("code").asText()).isEqualTo("INVALID_INPUT"));
            assertThat(wd.resolve("out/00")).as("nothing to upload").satisfiesAnyOf(
                    d -> assertThat(d).doesNotExist(), d -> assertThat(d).isEmptyDirectory());
        }
    }

    /** The argument list the local backend runs for format {@code i} of this source, at the node's paths. */
    private static List<String> local(Preset preset, int i, MediaProbe.Info in) {
        List<int[]> rungs = VideoPlan.rungs(preset, in.video().height());
        boolean own = preset.kind() == Preset.Kind.LADDER && rungs.get(0)[0] < 360;
        String dir = String.format(Locale.ROOT, "out/%02d/", i);
        List<String> targets = new ArrayList<>();
        for (int[] r : rungs) {
            targets.add(switch (preset.kind()) {
                case HLS -> dir + "hls/" + r[1] + "p";
                case THUMBNAIL -> dir + "poster.jpg";
                default -> dir + (own ? "own/" : "") + r[1] + "p." + preset.extension();
            });
        }
        return VideoPlan.of(preset, NodeScript.INPUT_FILE, in.video(), in.hasAudio() && preset != Preset.THUMBNAIL,
                ENCODERS.videoEncoder(preset), targets).argv();
    }

    /** A task's working directory as a node has it, after the script ran there. */
    private Path run(Path source, List<OutputFormat> formats) throws IOException, InterruptedException {
        return run(source, formats, null);
    }

    /** The same with {@code existing} as the slot tokens of outputs that exist already (SKIP_EXISTING), or null. */
    private Path run(Path source, List<OutputFormat> formats, String existing) throws IOException,
            InterruptedException {
        Path wd = Files.createTempDirectory(tmp, "wd-");
        Files.createDirectories(wd.resolve("in"));
        Files.copy(source, wd.resolve(NodeScript.INPUT_FILE));
        NodePlan plan = NodePlan.of(formats, ENCODERS::videoEncoder);
        Files.writeString(wd.resolve(NodeScript.SCRIPT_FILE), NodeScript.plannedScript());
        Files.writeString(wd.resolve(NodePlan.PLAN_FILE), plan.planText(true));
        for (Map.Entry<String, String> a : plan.argumentFiles().entrySet()) {
            Files.writeString(wd.resolve(a.getKey()), a.getValue());
        }
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", NodeScript.SCRIPT_FILE).directory(wd.toFile())
                .redirectOutput(wd.resolve("stdout.txt").toFile()).redirectError(wd.resolve("stderr.txt").toFile());
        pb.environment().put("PATH", TOOLS.ffmpeg().getParent() + ":" + System.getenv("PATH"));
        if (existing != null) {
            pb.environment().put(NodeSlots.VARIABLE, existing);
        }
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(wd.resolve("stderr.txt"))).isZero();
        return wd;
    }
}
