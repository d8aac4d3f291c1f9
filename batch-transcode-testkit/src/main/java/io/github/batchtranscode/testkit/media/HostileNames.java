package io.github.batchtranscode.testkit.media;

import java.util.List;

/** File names that break code which pastes names into a shell or an ffmpeg argument list. */
final class HostileNames {
    /** Each ends in {@code .mp4}; some are invalid on Windows and skipped there. */
    static final List<String> ALL = List.of(
            "with space.mp4",
            "it's \"quoted\".mp4",
            "$(touch PWNED).mp4",
            "`touch PWNED`.mp4",
            "a;touch PWNED;b.mp4",
            "a && b | c > d.mp4",
            "-leading-dash.mp4",
            "100% $HOME *.mp4",
            "na\u00efve caf\u00e9 \u65e5\u672c\u8a9e.mp4",
            "new\nline.mp4");

    private HostileNames() {
    }
}
