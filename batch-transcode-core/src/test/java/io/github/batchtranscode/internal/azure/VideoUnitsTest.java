package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.internal.ffmpeg.MediaProbe;
import io.github.batchtranscode.model.VideoTaskSplit;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How an input's formats become tasks, one per input or one per rendition. */
class VideoUnitsTest {
    private static final PlannedFile FILE = new PlannedFile("clip-0123456789abcdef", "a/clip.mp4",
            Path.of("a/clip.mp4"), "a/clip.360p.mp4", 1000, "a/clip");
    private static final MediaProbe.Info SOURCE = new MediaProbe.Info(true, true, List.of("video", "audio"), 2.0,
            null, "aac", new MediaProbe.Video("h264", 854, 480, 2.0, false, 24), 2.0, null);

    private static VideoTasks.Part ladder() {
        return new VideoTasks.Part(0, "h264-ladder", io.github.batchtranscode.model.Preset.H264_LADDER, false,
                List.of(new int[] {480, 480}, new int[] {360, 360}), List.of("a/clip.480p.mp4", "a/clip.360p.mp4"),
                List.of("out/00/480p.mp4", "out/00/360p.mp4"), "whole ladder\n", "libopenh264", null, null, false);
    }

    private static VideoTasks.Part audio(boolean reused) {
        return new VideoTasks.Part(1, "mp3", io.github.batchtranscode.model.Preset.MP3, true, List.of(),
                List.of("a/clip.mp3"), List.of("out/01/audio.mp3"), "mp3 args\n", null, null, null, reused);
    }

    private static VideoTasks.Planned planned(VideoTasks.Part... parts) {
        return new VideoTasks.Planned(SOURCE, List.of(parts), null, null, List.of());
    }

    @Test
    void perInputIsOneTaskUnderTheInputsIdRunningEveryFormatLeft() {
        VideoTasks.Planned p = VideoUnits.split(FILE, planned(ladder(), audio(false)), VideoTaskSplit.PER_INPUT);

        assertThat(p.units()).hasSize(1);
        VideoTasks.Unit u = p.units().get(0);
        assertThat(u.taskId()).isEqualTo(FILE.taskId());
        assertThat(u.args()).containsOnlyKeys("args-00.txt", "args-01.txt").containsEntry("args-00.txt", "whole ladder\n");
        assertThat(u.makes(0, 1)).isTrue();
        assertThat(u.makes(1, 0)).isTrue();
    }

    @Test
    void perRenditionGivesEachRungItsOwnTaskRunningThatRungAloneAndSkipsWhatIsReused() {
        VideoTasks.Planned p = VideoUnits.split(FILE, planned(ladder(), audio(true)), VideoTaskSplit.PER_RENDITION);

        assertThat(p.units()).extracting(VideoTasks.Unit::taskId)
                .containsExactly(FILE.taskId() + "-00r0", FILE.taskId() + "-00r1");
        VideoTasks.Unit low = p.units().get(1);
        assertThat(low.makes(0, 1)).isTrue();
        assertThat(low.makes(0, 0)).isFalse();
        String args = low.args().get("args-00.txt");
        assertThat(args).contains("scale=-2:360", "out/00/360p.mp4").doesNotContain("480p", "scale=-2:480")
                .contains("libopenh264");
        assertThat(p.units()).allSatisfy(u -> assertThat(u.taskId().length()).isLessThanOrEqualTo(64));
    }

    @Test
    void nothingLeftToMakeMeansNoTask() {
        VideoTasks.Planned p = VideoUnits.split(FILE, planned(audio(true)), VideoTaskSplit.PER_RENDITION);

        assertThat(p.units()).isEmpty();
    }
}
