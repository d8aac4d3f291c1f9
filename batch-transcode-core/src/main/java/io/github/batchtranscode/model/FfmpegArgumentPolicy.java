package io.github.batchtranscode.model;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether custom ffmpeg output arguments are safe to run: they never go through a shell, but ffmpeg
 * itself can read and write files, so options that name files, and values that look like files, URLs or
 * devices, are refused, and so is anything that looks like shell syntax (a sign the caller expected a shell).
 */
final class FfmpegArgumentPolicy {
    /** Options that read or write files, choose inputs or outputs, or that the library sets itself. */
    private static final Set<String> FORBIDDEN_OPTIONS = Set.of(
            "-i", "-y", "-n", "-f", "-filter_script", "-filter_complex_script", "-attach", "-dump_attachment",
            "-passlogfile", "-pass", "-progress", "-vstats", "-vstats_file", "-sdp_file", "-report", "-fpre",
            "-apre", "-vpre", "-spre", "-pre", "-stdin", "-nostdin", "-init_hw_device", "-filter_hw_device",
            "-hwaccel_device", "-protocol_whitelist", "-protocol_blacklist", "-safe", "-stream_loop",
            "-map_metadata", "-map_chapters", "-map", "-loglevel", "-v", "-hide_banner", "-benchmark",
            "-dump", "-hex", "-filter_complex", "-lavfi", "-/filter", "-/af", "-/filter_complex");
    /** Options that take no value: a word after one of them would be read by ffmpeg as another output file. */
    private static final Set<String> FLAGS = Set.of(
            "-vn", "-an", "-sn", "-dn", "-shortest", "-copyts", "-start_at_zero", "-nostats", "-stats", "-xerror",
            "-accurate_seek", "-noaccurate_seek", "-ignore_unknown", "-copy_unknown", "-fix_sub_duration",
            "-autorotate", "-noautorotate", "-autoscale", "-noautoscale", "-qphist", "-debug_ts", "-apad");
    /** A bare file name with an extension and no filter syntax, e.g. {@code evil.mka}. */
    private static final Pattern NAME_WITH_EXTENSION = Pattern.compile("[^=,:]*\\.[A-Za-z][A-Za-z0-9]{0,9}");
    private static final Pattern SHELL = Pattern.compile("[$`;|&<>\\\\\"'\\n\\r\\u0000]|\\$\\(");
    private static final Pattern OPTION = Pattern.compile("-[A-Za-z0-9_:./-]+");
    private static final Pattern URL = Pattern.compile("(?i)^[a-z][a-z0-9+.-]*:(//|[a-z]).*|.*(?i)\\b(file|https?|ftp|pipe|concat|subfile|crypto|data|tcp|udp|rtmp|srt|unix|fd):.*");
    private static final Pattern FILE_LIKE = Pattern.compile(
            "(?i).*\\.(mp[234]|m4[av]|aac|opus|ogg|oga|flac|wav|wma|webm|mkv|mov|avi|txt|log|json|sh|ass|srt|vtt|jpe?g|png|gif|ts|m3u8|ffpreset|ffconcat|xml)$");
    /** Filters and filter options that open files or sockets. */
    private static final Pattern FILE_FILTERS = Pattern.compile(
            "(?i)(^|[,;\\[:=])\\s*(a?movie|sendcmd|asendcmd|a?zmq|ladspa|lv2|ass|subtitles|lut3d|haldclut|frei0r|"
            + "dnn_\\w+|sofalizer|afir|arnndn|whisper)\\b|(?i)\\b(filename|file|model|stats_file)\\s*=");
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9]{1,10}");

    private FfmpegArgumentPolicy() {
    }

    /**
     * Checks an output extension.
     *
     * @throws IllegalArgumentException when it is not 1 to 10 letters or digits
     */
    public static void checkExtension(String extension) {
        if (!EXTENSION.matcher(extension).matches()) {
            throw new IllegalArgumentException("output extension '" + extension
                    + "' is not allowed: give 1 to 10 letters or digits without the dot, e.g. \"flac\"");
        }
    }

    /**
     * Checks custom output arguments.
     *
     * @throws IllegalArgumentException naming the first offending argument and why
     */
    public static void check(List<String> arguments) {
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("custom ffmpeg arguments are empty: give at least a codec, e.g. -c:a flac");
        }
        boolean previousWasOption = false;
        for (int i = 0; i < arguments.size(); i++) {
            String arg = arguments.get(i);
            if (arg == null) {
                throw new IllegalArgumentException("custom ffmpeg argument #" + (i + 1) + " is null");
            }
            if (arg.isBlank()) {
                throw new IllegalArgumentException("custom ffmpeg argument #" + (i + 1) + " is blank");
            }
            if (SHELL.matcher(arg).find()) {
                throw new IllegalArgumentException("custom ffmpeg argument '" + arg + "' contains shell syntax"
                        + " ($, `, ;, |, &, <, >, quotes, backslash or a line break); arguments are passed to ffmpeg"
                        + " as a list, never through a shell, so give each option and value as its own element");
            }
            boolean isOption = OPTION.matcher(arg).matches() && !isNumber(arg);
            if (isOption) {
                String name = arg.toLowerCase(Locale.ROOT);
                String base = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
                if (FORBIDDEN_OPTIONS.contains(name) || FORBIDDEN_OPTIONS.contains(base)) {
                    throw new IllegalArgumentException("custom ffmpeg option '" + arg + "' is not allowed: it reads or"
                            + " writes files or is set by the library itself; give only codec and encoding options");
                }
                previousWasOption = !FLAGS.contains(base);
                continue;
            }
            if (!previousWasOption) {
                throw new IllegalArgumentException("custom ffmpeg argument '" + arg + "' is not an option's value: ffmpeg"
                        + " would take it as another output file. Give options as \"-name\", \"value\" pairs");
            }
            if (FILE_FILTERS.matcher(arg).find()) {
                throw new IllegalArgumentException("custom ffmpeg argument '" + arg + "' uses a filter or option that"
                        + " opens files; custom arguments may not read or write files");
            }
            if (arg.contains("/") || arg.contains("..") || URL.matcher(arg).matches() || FILE_LIKE.matcher(arg).matches()
                    || NAME_WITH_EXTENSION.matcher(arg).matches()) {
                throw new IllegalArgumentException("custom ffmpeg argument '" + arg + "' looks like a file, path, URL or"
                        + " device; outputs are named by the library and custom arguments may not name files");
            }
            previousWasOption = false;
        }
    }

    private static boolean isNumber(String arg) {
        return arg.matches("-?[0-9]+(\\.[0-9]+)?[kKmMgG]?");
    }
}
