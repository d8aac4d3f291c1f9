package io.github.batchtranscode.internal.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.model.Preset;
import java.util.List;
import org.junit.jupiter.api.Test;

class VideoPlanTest {
    private static List<Integer> heights(Preset p, int source) {
        return VideoPlan.rungs(p, source).stream().map(r -> r[0]).toList();
    }

    @Test
    void theLadderNeverUpscalesAndASmallSourceGetsItsOwnEvenSize() {
        assertThat(heights(Preset.H264_LADDER, 2160)).containsExactly(1080, 720, 480, 360);
        assertThat(heights(Preset.H264_LADDER, 720)).containsExactly(720, 480, 360);
        assertThat(heights(Preset.HLS, 1279)).containsExactly(1080, 720, 480, 360);
        assertThat(heights(Preset.H264_LADDER, 241)).containsExactly(240);
        assertThat(heights(Preset.H264_720P, 360)).containsExactly(360);
        assertThat(VideoPlan.rungs(Preset.H264_720P, 360).get(0)[1]).as("named after the preset").isEqualTo(720);
    }

    @Test
    void everyRungGetsTheSameKeyFrameCadenceAndMp4sStartFast() {
        MediaProbe.Video src = new MediaProbe.Video("mpeg4", 1280, 720, 4.0, false, 30);
        VideoPlan plan = VideoPlan.of(Preset.H264_LADDER, "in.mp4", src, true, "libx264",
                List.of("a.mp4", "b.mp4", "c.mp4"));
        String argv = String.join(" ", plan.argv("ffmpeg"));

        assertThat(argv).contains("split=3", "scale=-2:720", "scale=-2:480", "scale=-2:360");
        assertThat(plan.argv()).filteredOn("expr:gte(t,n_forced*2)"::equals).hasSize(3);
        assertThat(argv.split("-g 60 -keyint_min 60", -1)).hasSize(4);
        assertThat(argv.split("-sc_threshold 0", -1)).hasSize(4);
        assertThat(argv.split("\\+faststart", -1)).hasSize(4);
        assertThat(plan.renditions()).extracting(VideoPlan.Rendition::videoKbps).containsExactly(2800, 1400, 800);
    }

    @Test
    void withoutAudioNothingMapsAudio() {
        MediaProbe.Video src = new MediaProbe.Video("mpeg4", 640, 360, 1.0, false, 24);
        VideoPlan plan = VideoPlan.of(Preset.WEBM_720P, "in.mp4", src, false, "libvpx-vp9", List.of("o.webm"));

        assertThat(plan.argv()).doesNotContain("0:a:0", "libopus").contains("libvpx-vp9",
                "[0:v:0]split=1[s0];[s0]scale=-2:360:flags=bicubic,setsar=1,format=yuv420p[v0]");
    }
}
