package io.github.batchtranscode.internal.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaProbeTest {

    @Test
    void readsTheFirstAudioStreamsDuration() throws IOException {
        MediaProbe.Info info = MediaProbe.parse("""
                {"programs":[],"streams":[{"codec_type":"video","duration":"10.000000"},
                 {"codec_type":"audio","duration":"9.984000"},{"codec_type":"audio","duration":"3.0"}],
                 "format":{"duration":"10.010000"}}""");

        assertThat(info.readable()).isTrue();
        assertThat(info.hasAudio()).isTrue();
        assertThat(info.streamTypes()).containsExactly("video", "audio", "audio");
        assertThat(info.audioSeconds()).isEqualTo(9.984);
    }

    @Test
    void fallsBackToTheContainersDurationWhenTheStreamHasNone() throws IOException {
        MediaProbe.Info info = MediaProbe.parse("""
                {"streams":[{"codec_type":"audio"}],"format":{"duration":"4.832653"}}""");

        assertThat(info.audioSeconds()).isEqualTo(4.832653);
        assertThat(MediaProbe.parse("""
                {"streams":[{"codec_type":"audio","duration":"N/A"}],"format":{"duration":"7.5"}}""").audioSeconds())
                .isEqualTo(7.5);
    }

    @Test
    void aFileWithoutAudioHasNoAudioDuration() throws IOException {
        MediaProbe.Info info = MediaProbe.parse("""
                {"streams":[{"codec_type":"video","duration":"2.0"}],"format":{"duration":"2.0"}}""");

        assertThat(info.hasAudio()).isFalse();
        assertThat(info.audioSeconds()).isNull();
        assertThat(MediaProbe.parse("{}").streamTypes()).isEmpty();
    }

    @Test
    void aMissingFfprobeIsAnUnreadableResultNotAnException(@TempDir Path dir) {
        MediaProbe.Info info = new MediaProbe(dir.resolve("ffprobe")).probe(dir.resolve("x.mp4"));

        assertThat(info.readable()).isFalse();
        assertThat(info.error()).contains("ffprobe");
    }

    @Test
    void videoStreamsGiveSizeRotationAndTheirHlsCodecs() throws java.io.IOException {
        MediaProbe.Info info = MediaProbe.parse("""
                {"streams": [{"codec_type": "video", "codec_name": "h264", "profile": "High", "level": 31,
                  "width": 1280, "height": 720, "r_frame_rate": "24/1", "duration": "2.0",
                  "side_data_list": [{"rotation": -90}]},
                 {"codec_type": "audio", "codec_name": "aac", "profile": "LC", "duration": "2.0"}],
                 "format": {"duration": "2.01"}}
                """);

        assertThat(info.video()).isEqualTo(new MediaProbe.Video("h264", 720, 1280, 2.0, true, 24.0));
        assertThat(info.codecs()).isEqualTo("avc1.64001f,mp4a.40.2");
        assertThat(info.mediaSeconds()).isEqualTo(2.01);
        assertThat(info.audioCodec()).isEqualTo("aac");
    }
}
