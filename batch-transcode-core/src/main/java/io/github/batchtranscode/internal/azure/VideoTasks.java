package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.OutputFile;
import com.microsoft.azure.batch.protocol.models.OutputFileBlobContainerDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadCondition;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadOptions;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.internal.ffmpeg.Encoders;
import io.github.batchtranscode.internal.ffmpeg.FfmpegCommand;
import io.github.batchtranscode.internal.ffmpeg.MediaProbe;
import io.github.batchtranscode.internal.ffmpeg.VideoPlan;
import io.github.batchtranscode.internal.plan.OutputNames;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.Preset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plans the formats of one input for a Batch node: video presets, and audio formats beside them in one request.
 * The client probes its local input (it has it: that is what it uploads), so the per-input decisions — which ladder
 * rungs, audio or not — are {@link VideoPlan}'s, the same code the local backend runs. Each format becomes one
 * argument file ({@code args-NN.txt}) naming only fixed node paths: the input is {@code in/source}, format
 * {@code NN} writes below {@code out/NN/} ({@code <label>p.<ext>}, {@code poster.jpg}, {@code audio.<ext>}, or an
 * HLS folder {@code hls/<label>p/}). User text never reaches the node: original names live only in blob names.
 * A format the input cannot give (audio from a video-only input, video from an audio-only one) is refused here,
 * per output, as the local backend does, and never runs.
 */
final class VideoTasks {
    /**
     * One format of one input as the node runs it.
     *
     * @param index     the format's position in the request
     * @param key       the format's name in the report ({@link OutputFormat#key()})
     * @param preset    the preset, or null for a custom (audio) format
     * @param audio     whether it is an audio format
     * @param rungs     {height, label} per rendition (empty for audio)
     * @param finals    the outputs' names relative to the output directory
     * @param nodeFiles where the node writes each output (for HLS the folder)
     * @param arguments the argument file's text ({@code ""} for a refused format)
     * @param encoder   the video encoder the arguments use, or null
     * @param code      why the format is refused for this input ({@code NO_AUDIO}, {@code NO_VIDEO}), or null
     * @param error     the refusal's reason, or null
     * @param reused    whether its outputs are already in the container (SKIP_EXISTING): no task makes them again
     */
    record Part(int index, String key, Preset preset, boolean audio, List<int[]> rungs, List<String> finals,
            List<String> nodeFiles, String arguments, String encoder, FailureCode code, String error,
            boolean reused) {
        boolean hls() {
            return preset == Preset.HLS;
        }

        /** Whether a task runs it. */
        boolean runs() {
            return code == null && !reused;
        }

        /** The same part, marked as found in the container. */
        Part asReused() {
            return new Part(index, key, preset, audio, rungs, finals, nodeFiles, arguments, encoder, code, error, true);
        }

        /** The argument file's name on the node. */
        String argsFile() {
            return String.format(Locale.ROOT, "args-%02d.txt", index);
        }
    }

    /**
     * One task of an input: the argument files it runs and the outputs it makes.
     *
     * @param taskId  the task's id (the input's own for one task per input)
     * @param args    the argument files' node names ({@code args-NN.txt}) and texts, in run order
     * @param outputs {part index, output index, rung index or -1 for every rung} per output it makes (an HLS
     *                variant task makes rung {@code r} of output 0)
     */
    record Unit(String taskId, java.util.Map<String, String> args, List<int[]> outputs) {
        /** Whether this task makes (part of) output {@code output} of part {@code part}. */
        boolean makes(int part, int output) {
            return outputs.stream().anyMatch(o -> o[0] == part && o[1] == output);
        }
    }

    /**
     * An input's plan: its parts, or why it cannot be transcoded at all (then no task runs for it), and the tasks
     * that make what is left to make.
     *
     * @param source the local probe of the input
     * @param parts  one per format
     * @param code   the failure code when no part can run, or null
     * @param error  the failure reason, or null
     * @param units  the input's tasks (see {@link VideoUnits}); empty until split, or when nothing runs
     */
    record Planned(MediaProbe.Info source, List<Part> parts, FailureCode code, String error, List<Unit> units) {
        boolean ok() {
            return code == null;
        }

        /** Whether some part needs a task. */
        boolean anyToRun() {
            return parts.stream().anyMatch(Part::runs);
        }

        /** The parts a task runs. */
        List<Part> toRun() {
            return parts.stream().filter(Part::runs).toList();
        }

        Planned withParts(List<Part> newParts) {
            return new Planned(source, List.copyOf(newParts), code, error, units);
        }

        Planned withUnits(List<Unit> newUnits) {
            return new Planned(source, parts, code, error, List.copyOf(newUnits));
        }
    }

    private final List<OutputFormat> formats;
    private final MediaProbe probe;
    private final Encoders encoders;

    VideoTasks(List<OutputFormat> formats, MediaProbe probe, Encoders encoders) {
        this.formats = List.copyOf(formats);
        this.probe = probe;
        this.encoders = encoders;
    }

    /** The local prober, also used to verify downloaded outputs. */
    MediaProbe probe() {
        return probe;
    }

    /** Probes the local input and plans every format of the request for it. */
    Planned plan(PlannedFile file) {
        MediaProbe.Info in = probe.probe(file.inputPath());
        String found = in.streamTypes().isEmpty() ? "no streams" : String.join(", ", in.streamTypes());
        if (!in.readable() || (in.video() == null && !in.hasAudio())) {
            String error = "the input is not usable media, probably truncated or damaged: " + (in.readable()
                    ? "it has no audio or video stream (found: " + found + ")" : in.error());
            return new Planned(in, refusedAll(file, in, FailureCode.INVALID_INPUT, error), FailureCode.INVALID_INPUT,
                    error, List.of());
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < formats.size(); i++) {
            OutputFormat f = formats.get(i);
            if (f.isVideo() && in.video() == null) {
                parts.add(refused(i, f, file.stem(), FailureCode.NO_VIDEO, "the input has no video stream (it has: " + found
                        + "): use an audio preset for it"));
            } else if (!f.isVideo() && !in.hasAudio()) {
                parts.add(refused(i, f, file.stem(), FailureCode.NO_AUDIO, "the input has no audio stream (it has: " + found
                        + ")"));
            } else {
                parts.add(f.isVideo() ? part(i, f.preset(), file.stem(), in) : audioPart(i, f, file.stem()));
            }
        }
        Part first = parts.stream().filter(p -> p.code() != null).findFirst().orElse(null);
        boolean none = parts.stream().noneMatch(Part::runs);
        return new Planned(in, List.copyOf(parts), none ? first.code() : null, none ? first.error() : null, List.of());
    }

    private List<Part> refusedAll(PlannedFile file, MediaProbe.Info in, FailureCode code, String error) {
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < formats.size(); i++) {
            parts.add(refused(i, formats.get(i), file.stem(), code, error));
        }
        return List.copyOf(parts);
    }

    private static Part refused(int index, OutputFormat f, String stem, FailureCode code, String error) {
        List<int[]> rungs = f.isVideo() ? VideoPlan.rungs(f.preset(), 360) : List.of();
        List<String> finals = f.isVideo() ? OutputNames.video(stem, f.preset(), rungs)
                : List.of(stem + "." + f.extension());
        return new Part(index, f.key(), f.preset(), !f.isVideo(), rungs, finals, List.of(), "", null, code, error,
                false);
    }

    private static Part audioPart(int index, OutputFormat f, String stem) {
        String target = String.format(Locale.ROOT, "out/%02d/audio.%s", index, f.extension());
        List<String> argv = FfmpegCommand.argv("ffmpeg", NodeScript.INPUT_FILE, target, f);
        String args = String.join("\n", argv.subList(1, argv.size())) + "\n";
        return new Part(index, f.key(), f.preset(), true, List.of(), List.of(stem + "." + f.extension()),
                List.of(target), args, null, null, null, false);
    }

    private Part part(int index, Preset preset, String stem, MediaProbe.Info in) {
        List<int[]> rungs = VideoPlan.rungs(preset, in.video().height());
        String dir = String.format(Locale.ROOT, "out/%02d/", index);
        List<String> targets = new ArrayList<>();
        for (int[] r : rungs) {
            targets.add(switch (preset.kind()) {
                case HLS -> dir + "hls/" + r[1] + "p";
                case THUMBNAIL -> dir + "poster.jpg";
                default -> dir + r[1] + "p." + preset.extension();
            });
        }
        String encoder = encoders.videoEncoder(preset);
        VideoPlan plan = VideoPlan.of(preset, NodeScript.INPUT_FILE, in.video(),
                in.hasAudio() && preset != Preset.THUMBNAIL, encoder, targets);
        List<String> nodeFiles = preset == Preset.HLS ? List.of(dir + "hls") : targets;
        String args = String.join("\n", plan.argv()) + "\n";
        return new Part(index, preset.toString(), preset, false, rungs, OutputNames.video(stem, preset, rungs),
                nodeFiles, args, encoder, null, null, false);
    }

    /** The blob an output (or, for HLS, the folder's prefix) is uploaded to: keyed by input and arguments. */
    static String blob(String md5, Part part, int output) {
        String name = part.finals().get(output);
        // keyed without the format's position in the request: the same input and arguments map to the same blob
        String keyed = part.arguments().replace(String.format(Locale.ROOT, "out/%02d/", part.index()), "out/");
        return JobLayout.outputBlob(md5, keyed, part.hls() ? name.substring(0, name.lastIndexOf('/')) : name);
    }

    /**
     * The blob that shows an output is complete in the container: the output itself, or an HLS folder's master
     * (written only once the folder was verified, see {@link VideoResults}).
     */
    static String doneBlob(String md5, Part part, int output) {
        return part.hls() ? blob(md5, part, output) + "/" + io.github.batchtranscode.internal.ffmpeg.HlsMaster.MASTER
                : blob(md5, part, output);
    }

    /** The OutputFile rules of one task: every file it makes, an HLS folder's tree, uploaded on task success. */
    static List<OutputFile> outputFiles(Planned planned, Unit unit, String md5, String containerUrl) {
        List<OutputFile> rules = new ArrayList<>();
        java.util.Set<Integer> folders = new java.util.HashSet<>();
        for (int[] o : unit.outputs()) {
            Part p = planned.parts().get(o[0]);
            if (p.hls() && !folders.add(o[0])) {
                continue; // one rule uploads the whole folder
            }
            String pattern = p.hls() ? p.nodeFiles().get(0) + "/**/*" : p.nodeFiles().get(o[1]);
            rules.add(new OutputFile().withFilePattern(pattern)
                    .withDestination(new OutputFileDestination().withContainer(
                            new OutputFileBlobContainerDestination().withContainerUrl(containerUrl)
                                    .withPath(blob(md5, p, o[1]))))
                    .withUploadOptions(new OutputFileUploadOptions()
                            .withUploadCondition(OutputFileUploadCondition.TASK_SUCCESS)));
        }
        return rules;
    }
}
