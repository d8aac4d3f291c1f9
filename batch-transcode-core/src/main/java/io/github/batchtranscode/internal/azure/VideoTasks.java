package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.OutputFile;
import com.microsoft.azure.batch.protocol.models.OutputFileBlobContainerDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadCondition;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadOptions;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.internal.ffmpeg.Encoders;
import io.github.batchtranscode.internal.ffmpeg.MediaProbe;
import io.github.batchtranscode.internal.ffmpeg.VideoPlan;
import io.github.batchtranscode.internal.plan.OutputNames;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.Preset;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans the video presets of one input for a Batch node. The client probes its local input (it has it: that is what
 * it uploads), so the per-input decisions — which ladder rungs, audio or not — are {@link VideoPlan}'s, the same code
 * the local backend runs. Each preset becomes one argument file ({@code args-NN.txt}) naming only fixed node paths:
 * the input is {@code in/source}, preset {@code NN} writes below {@code out/NN/} ({@code <label>p.<ext>},
 * {@code poster.jpg}, or an HLS folder {@code hls/<label>p/}). User text never reaches the node: original names live
 * only in blob names.
 */
final class VideoTasks {
    /**
     * One preset of one input as the node runs it.
     *
     * @param index     the preset's position in the request
     * @param preset    the preset
     * @param rungs     {height, label} per rendition
     * @param finals    the outputs' names relative to the output directory
     * @param nodeFiles where the node writes each output (for HLS the folder)
     * @param arguments the argument file's text
     * @param encoder   the video encoder the arguments use
     */
    record Part(int index, Preset preset, List<int[]> rungs, List<String> finals, List<String> nodeFiles,
            String arguments, String encoder) {
        boolean hls() {
            return preset == Preset.HLS;
        }

        /** The argument file's name on the node. */
        String argsFile() {
            return String.format(java.util.Locale.ROOT, "args-%02d.txt", index);
        }
    }

    /**
     * An input's plan: its parts, or why it cannot be transcoded (then no task runs for it).
     *
     * @param source the local probe of the input
     * @param parts  one per preset
     * @param code   the failure code, or null
     * @param error  the failure reason, or null
     */
    record Planned(MediaProbe.Info source, List<Part> parts, FailureCode code, String error) {
        boolean ok() {
            return code == null;
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

    /** Probes the local input and plans every preset of the request for it. */
    Planned plan(PlannedFile file) {
        MediaProbe.Info in = probe.probe(file.inputPath());
        String found = in.streamTypes().isEmpty() ? "no streams" : String.join(", ", in.streamTypes());
        if (!in.readable() || (in.video() == null && !in.hasAudio())) {
            return new Planned(in, List.of(), FailureCode.INVALID_INPUT, "the input is not usable media, probably truncated or"
                    + " damaged: " + (in.readable() ? "it has no audio or video stream (found: " + found + ")"
                    : in.error()));
        }
        if (in.video() == null) {
            return new Planned(in, List.of(), FailureCode.NO_VIDEO, "the input has no video stream (it has: " + found
                    + "): use an audio preset for it");
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < formats.size(); i++) {
            parts.add(part(i, formats.get(i).preset(), file.stem(), in));
        }
        return new Planned(in, List.copyOf(parts), null, null);
    }

    private Part part(int index, Preset preset, String stem, MediaProbe.Info in) {
        List<int[]> rungs = VideoPlan.rungs(preset, in.video().height());
        String dir = String.format(java.util.Locale.ROOT, "out/%02d/", index);
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
        return new Part(index, preset, rungs, OutputNames.video(stem, preset, rungs), nodeFiles, args, encoder);
    }

    /** The blob an output (or, for HLS, the folder's prefix) is uploaded to: keyed by input and arguments. */
    static String blob(String md5, Part part, int output) {
        String name = part.finals().get(output);
        return JobLayout.outputBlob(md5, part.arguments(), part.hls() ? name.substring(0, name.lastIndexOf('/')) : name);
    }

    /** The OutputFile rules of an input's outputs: every file, the HLS folder's tree, uploaded on task success. */
    static List<OutputFile> outputFiles(Planned planned, String md5, String containerUrl) {
        List<OutputFile> rules = new ArrayList<>();
        for (Part p : planned.parts()) {
            for (int i = 0; i < p.nodeFiles().size(); i++) {
                String pattern = p.hls() ? p.nodeFiles().get(i) + "/**/*" : p.nodeFiles().get(i);
                rules.add(new OutputFile().withFilePattern(pattern)
                        .withDestination(new OutputFileDestination().withContainer(
                                new OutputFileBlobContainerDestination().withContainerUrl(containerUrl)
                                        .withPath(blob(md5, p, i))))
                        .withUploadOptions(new OutputFileUploadOptions()
                                .withUploadCondition(OutputFileUploadCondition.TASK_SUCCESS)));
            }
        }
        return rules;
    }
}
