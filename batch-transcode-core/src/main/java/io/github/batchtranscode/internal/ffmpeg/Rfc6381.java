package io.github.batchtranscode.internal.ffmpeg;

import java.util.Locale;

/** RFC 6381 codec strings for an HLS master playlist's {@code CODECS} attribute, from what ffprobe reports. */
final class Rfc6381 {
    private Rfc6381() {
    }

    /** {@code avc1.PPCCLL} for H.264 (profile_idc, constraint flags, level_idc in hex), else null. */
    static String video(String codec, String profile, int level) {
        if (!codec.equals("h264") || level <= 0) {
            return null;
        }
        String p = profile.replace(" ", "").toLowerCase(Locale.ROOT);
        String pc = switch (p) {
            case "constrainedbaseline" -> "42e0";
            case "baseline" -> "4200";
            case "main" -> "4d00";
            case "high" -> "6400";
            default -> null;
        };
        return pc == null ? null : String.format(Locale.ROOT, "avc1.%s%02x", pc, level);
    }

    /** {@code mp4a.40.2} for AAC-LC, {@code opus} for Opus, else null. */
    static String audio(String codec, String profile) {
        if ("aac".equals(codec)) {
            return "LC".equals(profile) ? "mp4a.40.2" : "HE-AAC".equals(profile) ? "mp4a.40.5" : null;
        }
        return "opus".equals(codec) ? "opus" : null;
    }
}
