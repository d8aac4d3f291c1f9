package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.internal.ffmpeg.MediaProbe;
import io.github.batchtranscode.internal.ffmpeg.VideoPlan;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.VideoTaskSplit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits what is left to make of an input into Batch tasks. {@link VideoTaskSplit#PER_INPUT}: one task, the
 * input's own id, running every format's argument file. {@link VideoTaskSplit#PER_RENDITION}: each rung of a ladder
 * and each HLS variant a task of its own ({@code <id>-NNr<i>}), running that rung alone with the preset's settings
 * ({@link VideoPlan#rung}), and every other format one task ({@code <id>-NN}). Outputs keep the blob names of one
 * task per input: the key names the input and the preset's settings, not how the work was split, and the variants
 * of an HLS folder land in one folder.
 */
final class VideoUnits {
    private VideoUnits() {
    }

    static VideoTasks.Planned split(PlannedFile file, VideoTasks.Planned planned, VideoTaskSplit split) {
        if (!planned.ok() || !planned.anyToRun()) {
            return planned.withUnits(List.of());
        }
        return planned.withUnits(split == VideoTaskSplit.PER_RENDITION ? perRendition(file, planned)
                : List.of(perInput(file, planned)));
    }

    private static VideoTasks.Unit perInput(PlannedFile file, VideoTasks.Planned planned) {
        Map<String, String> args = new LinkedHashMap<>();
        List<int[]> outputs = new ArrayList<>();
        for (VideoTasks.Part part : planned.toRun()) {
            args.put(part.argsFile(), part.arguments());
            for (int i = 0; i < part.finals().size(); i++) {
                outputs.add(new int[] {part.index(), i, -1});
            }
        }
        return new VideoTasks.Unit(file.taskId(), args, outputs);
    }

    private static List<VideoTasks.Unit> perRendition(PlannedFile file, VideoTasks.Planned planned) {
        MediaProbe.Info in = planned.source();
        List<VideoTasks.Unit> units = new ArrayList<>();
        for (VideoTasks.Part part : planned.toRun()) {
            String id = file.taskId() + String.format(Locale.ROOT, "-%02d", part.index());
            boolean splits = !part.audio() && part.rungs().size() > 1
                    && (part.preset().kind() == Preset.Kind.LADDER || part.hls());
            if (!splits) {
                List<int[]> outputs = new ArrayList<>();
                for (int i = 0; i < part.finals().size(); i++) {
                    outputs.add(new int[] {part.index(), i, -1});
                }
                units.add(new VideoTasks.Unit(id, Map.of(part.argsFile(), part.arguments()), outputs));
                continue;
            }
            for (int r = 0; r < part.rungs().size(); r++) {
                String target = part.hls() ? part.nodeFiles().get(0) + "/" + part.rungs().get(r)[1] + "p"
                        : part.nodeFiles().get(r);
                VideoPlan plan = VideoPlan.rung(part.preset(), NodeScript.INPUT_FILE, in.video(), in.hasAudio(),
                        part.encoder(), r, target);
                String args = String.join("\n", plan.argv()) + "\n";
                int output = part.hls() ? 0 : r;
                units.add(new VideoTasks.Unit(id + "r" + r, Map.of(part.argsFile(), args),
                        List.<int[]>of(new int[] {part.index(), output, r})));
            }
        }
        return List.copyOf(units);
    }
}
