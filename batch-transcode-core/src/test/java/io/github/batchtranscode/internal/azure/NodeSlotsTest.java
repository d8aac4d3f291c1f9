package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.Preset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which listed blobs are which output slots of which input, for SKIP_EXISTING on node-planned runs. */
class NodeSlotsTest {
    private static final PlannedFile X = new PlannedFile("x-0123456789abcdef", "raw/a/x.mp4", Path.of("a/x.mp4"),
            "a/x.1080p.mp4", 1000, "a/x");
    private static final PlannedFile XY = new PlannedFile("xy-0123456789abcdef", "raw/a/xy.mp4", Path.of("a/xy.mp4"),
            "a/xy.1080p.mp4", 1000, "a/xy");
    private static final NodePlan PLAN = NodePlan.of(List.of(OutputFormat.of(Preset.H264_LADDER),
            OutputFormat.of(Preset.HLS), OutputFormat.of(Preset.THUMBNAIL), OutputFormat.of(Preset.MP3)),
            p -> "libopenh264");

    /** A destination below {@code v/}: for HLS the folder's name, as NodeTasks names it. */
    private static String blob(PlannedFile file, NodePlan.Format f, String name) {
        return "v/" + (f.preset() == Preset.HLS ? name.substring(0, name.lastIndexOf('/')) : name);
    }

    private static NodeSlots slots() {
        NodeSlots slots = new NodeSlots(NodeSlotsTest::blob);
        slots.add(X, PLAN.formats());
        slots.add(XY, PLAN.formats());
        return slots;
    }

    @Test
    void eachListedOutputIsTheSlotTokenOfItsInputAndAnEmptyBlobIsNone() {
        NodeSlots slots = slots();
        slots.offer("v/a/x.720p.mp4", 10);
        slots.offer("v/a/x.240p.mp4", 5); // the own-height rung of a 240-line source
        slots.offer("v/a/x.hls/master.m3u8", 3);
        slots.offer("v/a/x.hls/360p/index.m3u8", 2); // a folder's other files are not slots
        slots.offer("v/a/x.jpg", 4);
        slots.offer("v/a/x.mp3", 0); // empty: made again
        slots.offer("v/a/x.360p.webm", 7); // not the ladder's extension
        slots.offer("v/a/xy.1080p.mp4", 8);
        slots.offer("v/a/x.1080p.mp4.240p.mp4", 9); // another stem's rung
        slots.offer("a/x.480p.mp4", 9); // outside the destination

        assertThat(slots.existing(X.taskId())).isEqualTo(Map.of("0:720", 10L, "0:240", 5L, "1:hls", 3L, "2:file", 4L));
        assertThat(slots.existing(XY.taskId())).isEqualTo(Map.of("0:1080", 8L));
        assertThat(NodeSlots.value(slots.existing(X.taskId()))).isEqualTo("0:240 0:720 1:hls 2:file");
        assertThat(NodeSlots.value(slots.existing(X.taskId()))).matches("[0-9: a-z]+");
    }

    @Test
    void noTaskIsNeededOnlyWhenEveryOutputOfEveryPossibleSourceExists() {
        NodeSlots slots = slots();
        for (String name : List.of("1080p.mp4", "720p.mp4", "480p.mp4", "360p.mp4", "240p.mp4", "jpg", "mp3")) {
            slots.offer("v/a/x." + name, 1);
        }
        slots.offer("v/a/x.hls/master.m3u8", 1);
        // a ladder's rung at a small source's own height could be any: its task runs and probes
        assertThat(NodeSlots.complete(PLAN.formats(), slots.existing(X.taskId()))).isFalse();

        NodePlan fixed = NodePlan.of(List.of(OutputFormat.of(Preset.HLS), OutputFormat.of(Preset.H264_720P),
                OutputFormat.of(Preset.MP3)), p -> "libopenh264");
        NodeSlots those = new NodeSlots(NodeSlotsTest::blob);
        those.add(X, fixed.formats());
        those.offer("v/a/x.hls/master.m3u8", 1);
        those.offer("v/a/x.720p.mp4", 1); // a smaller source's 720p rendition has this name too
        assertThat(NodeSlots.complete(fixed.formats(), those.existing(X.taskId()))).isFalse();
        those.offer("v/a/x.mp3", 1);
        assertThat(NodeSlots.complete(fixed.formats(), those.existing(X.taskId()))).isTrue();
    }
}
