package io.github.batchtranscode.internal.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HlsPlaylistsTest {
    @TempDir
    Path dir;

    @Test
    void theMasterWeWriteReadsBack() throws IOException {
        Path master = Files.writeString(dir.resolve("master.m3u8"), HlsPlaylists.master(List.of(
                new HlsPlaylists.Variant("720p/index.m3u8", 3_000_000, 2_800_000, 1280, 720, "avc1.64001f,mp4a.40.2"),
                new HlsPlaylists.Variant("360p/index.m3u8", 900_000, 800_000, 640, 360, null))));

        assertThat(Files.readString(master)).contains("RESOLUTION=1280x720", "BANDWIDTH=3000000")
                .contains("RESOLUTION=1280x720,CODECS=\"avc1.64001f,mp4a.40.2\"\n720p/index.m3u8")
                .contains("RESOLUTION=640x360\n360p/index.m3u8");
        assertThat(HlsPlaylists.readMaster(master)).containsExactly("720p/index.m3u8", "360p/index.m3u8");
    }

    @Test
    void aMediaPlaylistSumsItsSegments() throws IOException {
        Path p = Files.writeString(dir.resolve("index.m3u8"), "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.000000,\n"
                + "seg_00000.ts\n#EXTINF:1.5,\nseg_00001.ts\n#EXT-X-ENDLIST\n");

        HlsPlaylists.Media m = HlsPlaylists.readMedia(p);
        assertThat(m.segments()).containsExactly("seg_00000.ts", "seg_00001.ts");
        assertThat(m.totalSeconds()).isEqualTo(3.5);
        assertThat(m.ended()).isTrue();
    }

    @Test
    void absoluteUrisAndNonPlaylistsAreRejected() throws IOException {
        Path abs = Files.writeString(dir.resolve("a.m3u8"), "#EXTM3U\n#EXTINF:2,\n/tmp/seg.ts\n");
        Path notHls = Files.writeString(dir.resolve("b.m3u8"), "hello\n");

        assertThatThrownBy(() -> HlsPlaylists.readMedia(abs)).hasMessageContaining("not a relative URI");
        assertThatThrownBy(() -> HlsPlaylists.readMaster(notHls)).hasMessageContaining("#EXTM3U");
    }
}
