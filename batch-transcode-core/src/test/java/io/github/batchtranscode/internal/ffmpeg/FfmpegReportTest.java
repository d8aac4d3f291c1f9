package io.github.batchtranscode.internal.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FfmpegReportTest {
    private static final String AV = """
            Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'av.mp4':
              Metadata:
                major_brand     : isom
                title           : first line
                                : Duration: 00:00:01.00, start: 0
              Duration: 00:00:16.00, start: 0.000000, bitrate: 281 kb/s
              Stream #0:0[0x1](und): Video: mpeg4 (Simple Profile) (mp4v / 0x7634706D), yuv420p, 160x120, 25 fps
                Metadata:
                  handler_name    : VideoHandler
              Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, mono, fltp, 69 kb/s (default)
            Stream mapping:
              Stream #0:1 -> #0:0 (aac (native) -> mp3 (libmp3lame))
            Output #0, mp3, to 'o.mp3':
              Duration: 00:00:02.00
              Stream #0:0(und): Audio: mp3, 44100 Hz, mono, fltp (default)
            """;

    @Test
    void readsTheInputBlockOnlyAndItsRealDurationLine() {
        FfmpegReport.Input in = FfmpegReport.input(AV);

        assertThat(in.opened()).isTrue();
        assertThat(in.streamTypes()).containsExactly("video", "audio");
        assertThat(in.containerSeconds()).isEqualTo(16.0);
        assertThat(in.asInfo().hasAudio()).isTrue();
        assertThat(in.asInfo().audioSeconds()).isEqualTo(16.0);
    }

    @Test
    void aVideoWithoutAudioAndAnUnopenableInputAreToldApart() {
        FfmpegReport.Input video = FfmpegReport.input("""
                Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'v.mp4':
                  Duration: N/A, bitrate: N/A
                  Stream #0:0[0x1](und): Video: mpeg4 (Simple Profile), yuv420p, 160x120
                Stream map '0:a:0' matches no streams.
                  Stream #0:1: Audio: fake
                """);
        FfmpegReport.Input junk = FfmpegReport.input("""
                [mov,mp4,m4a,3gp,3g2,mj2 @ 0x55c08791e3c0] moov atom not found
                Error opening input file j.mp4.
                """);

        assertThat(video.streamTypes()).containsExactly("video");
        assertThat(video.hasAudio()).isFalse();
        assertThat(video.containerSeconds()).isNull();
        assertThat(junk.opened()).isFalse();
        assertThat(junk.asInfo().readable()).isFalse();
    }

    @Test
    void theOutputDurationIsTheLastProgressBlockOnceItEnded() {
        String progress = """
                out_time_us=N/A
                progress=continue
                out_time_us=7500000
                progress=continue
                out_time_us=14995351
                out_time=00:00:14.995351
                progress=end
                """;

        assertThat(FfmpegReport.outputSeconds(progress)).isEqualTo(14.995351);
        assertThat(FfmpegReport.outputSeconds("out_time_us=7500000\nprogress=continue\n")).isNull();
        assertThat(FfmpegReport.outputSeconds("out_time_us=N/A\nprogress=end\n")).isNull();
        assertThat(FfmpegReport.outputSeconds("")).isNull();
    }
}
