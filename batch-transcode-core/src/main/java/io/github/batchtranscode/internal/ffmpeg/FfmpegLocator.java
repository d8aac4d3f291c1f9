package io.github.batchtranscode.internal.ffmpeg;

import io.github.batchtranscode.ConfigurationException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds ffmpeg and ffprobe, in this order: an explicit setting; the {@code BATCH_TRANSCODE_FFMPEG} environment
 * variable (the executable or its directory); the {@code PATH}; a bundled build on the classpath
 * ({@code org.bytedeco:ffmpeg} with a platform classifier, extracted once into a cache directory).
 * The core does not depend on the bundled build; it only uses it when an application put it on the classpath.
 */
public final class FfmpegLocator {
    /** The environment variable naming ffmpeg (or its directory). */
    public static final String ENV = "BATCH_TRANSCODE_FFMPEG";
    /** Overrides the cache directory for the extracted bundled ffmpeg. */
    public static final String CACHE_ENV = "BATCH_TRANSCODE_CACHE";

    /** Loggers.FFMPEG, by name: this package does not depend on the engine. */
    private static final Logger LOG = LoggerFactory.getLogger("io.github.batchtranscode.ffmpeg");
    private static final Map<String, FfmpegTools> BUNDLED = new ConcurrentHashMap<>();

    private final Map<String, String> env;
    private final ClassLoader classLoader;

    public FfmpegLocator() {
        this(System.getenv(), FfmpegLocator.class.getClassLoader());
    }

    public FfmpegLocator(Map<String, String> env, ClassLoader classLoader) {
        this.env = Map.copyOf(env);
        this.classLoader = classLoader;
    }

    /**
     * Finds the tools.
     *
     * @param explicit an ffmpeg executable (or its directory) set by the caller, or {@code null}
     * @throws ConfigurationException saying how to provide ffmpeg when none is found, or naming a setting
     *                                that points at no executable
     */
    public FfmpegTools locate(Path explicit) {
        if (explicit != null) {
            return fromSetting(explicit, "setting", "the ffmpeg setting");
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromSetting(Path.of(fromEnv.trim()), ENV, "the environment variable " + ENV);
        }
        Optional<FfmpegTools> onPath = onPath();
        if (onPath.isPresent()) {
            return onPath.get();
        }
        return bundled().orElseThrow(() -> new ConfigurationException(onPath("ffmpeg")
                .map(f -> "ffmpeg was found at " + f + " but ffprobe, needed to verify outputs, was not: install the"
                        + " package that provides ffprobe (usually 'ffmpeg'), or set " + ENV + " to a directory"
                        + " holding both, or put org.bytedeco:ffmpeg:6.1.1-1.5.10 with classifier " + platform()
                        + " on the classpath.")
                .orElse("ffmpeg was not found. Install it (e.g. 'apt-get install ffmpeg') so it is on the PATH, or"
                        + " set " + ENV + " to the ffmpeg executable, or put org.bytedeco:ffmpeg:6.1.1-1.5.10 with"
                        + " classifier " + platform() + " on the classpath.")));
    }

    private FfmpegTools fromSetting(Path given, String source, String what) {
        Path ffmpeg = Files.isDirectory(given) ? given.resolve(exe("ffmpeg")) : given;
        if (!Files.isRegularFile(ffmpeg) || !Files.isExecutable(ffmpeg)) {
            throw new ConfigurationException(what + " names " + given + ", which is not an executable ffmpeg: point it"
                    + " at the ffmpeg binary or the directory holding ffmpeg and ffprobe");
        }
        Path probe = ffmpeg.resolveSibling(exe("ffprobe"));
        if (!Files.isExecutable(probe)) {
            probe = onPath("ffprobe").orElseThrow(() -> new ConfigurationException("ffprobe was not found next to "
                    + ffmpeg + " (from " + what + ") nor on the PATH: it is needed to verify outputs"));
        }
        return new FfmpegTools(ffmpeg, probe, source);
    }

    private Optional<FfmpegTools> onPath() {
        Optional<Path> ffmpeg = onPath("ffmpeg");
        if (ffmpeg.isEmpty()) {
            return Optional.empty();
        }
        Path sibling = ffmpeg.get().resolveSibling(exe("ffprobe"));
        Optional<Path> probe = Files.isExecutable(sibling) ? Optional.of(sibling) : onPath("ffprobe");
        return probe.map(p -> new FfmpegTools(ffmpeg.get(), p, "PATH"));
    }

    private Optional<Path> onPath(String name) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, exe(name));
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The bundled ffmpeg, extracted on first use; empty when no bundled build for this platform is on the classpath. */
    public Optional<FfmpegTools> bundled() {
        String prefix = "org/bytedeco/ffmpeg/" + platform() + "/";
        URL url = classLoader.getResource(prefix + exe("ffmpeg"));
        if (url == null) {
            return Optional.empty();
        }
        return Optional.of(BUNDLED.computeIfAbsent(url.toString(), k -> extract(url, prefix)));
    }

    private FfmpegTools extract(URL url, String prefix) {
        try {
            JarURLConnection connection = (JarURLConnection) url.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                JarEntry main = jar.getJarEntry(prefix + exe("ffmpeg"));
                String key = Path.of(jar.getName()).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_")
                        + "-" + Long.toHexString(main.getCrc());
                Path target = cacheRoot().resolve("ffmpeg").resolve(key);
                Path ffmpeg = target.resolve(exe("ffmpeg"));
                if (!Files.isExecutable(ffmpeg)) {
                    unpack(jar, prefix, target);
                }
                LOG.debug("using bundled ffmpeg from {}", target);
                return new FfmpegTools(ffmpeg, target.resolve(exe("ffprobe")), "bundled");
            }
        } catch (IOException | ClassCastException e) {
            throw new ConfigurationException("the bundled ffmpeg at " + url + " could not be extracted: " + e.getMessage()
                    + ". Set " + CACHE_ENV + " to a writable directory, or install ffmpeg on the PATH", e);
        }
    }

    private static void unpack(JarFile jar, String prefix, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path staging = Files.createTempDirectory(target.getParent(), target.getFileName() + ".part-");
        List<String> names = new ArrayList<>();
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            JarEntry entry = e.nextElement();
            String name = entry.getName();
            if (entry.isDirectory() || !name.startsWith(prefix) || name.substring(prefix.length()).contains("/")
                    || name.substring(prefix.length()).startsWith("libjni")) {
                continue;
            }
            Path out = staging.resolve(name.substring(prefix.length()));
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
            out.toFile().setExecutable(true, false);
            names.add(name);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
            deleteTree(staging); // another process extracted the same build first
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, target);
        }
        LOG.info("extracted bundled ffmpeg ({} files) to {}", names.size(), target);
    }

    private Path cacheRoot() {
        String configured = env.get(CACHE_ENV);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "batch-transcode");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "batch-transcode");
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytedeco platform name of this machine, e.g. {@code linux-x86_64}. */
    public static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String a = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        String o = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macosx" : "linux";
        return o + "-" + a;
    }

    private static String exe(String name) {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? name + ".exe" : name;
    }
}
