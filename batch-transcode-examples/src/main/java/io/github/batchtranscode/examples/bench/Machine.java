package io.github.batchtranscode.examples.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Describes the machine and the versions a run measured, for the environment block of {@code BENCHMARKS.md}. */
final class Machine {
    private Machine() {
    }

    static List<String> describe(Lab lab, List<String> ran) {
        List<String> lines = new ArrayList<>();
        lines.add("Last run: " + now() + ", " + String.join(", ", ran) + ", on this machine:");
        lines.add("");
        lines.add("| | |");
        lines.add("|---|---|");
        lines.add("| CPU | " + cpu() + ", " + lab.cores() + " cores visible to the JVM (shared with other builds) |");
        lines.add("| memory | " + memory() + " |");
        lines.add("| OS | " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ") |");
        lines.add("| Java | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " |");
        lines.add("| ffmpeg | " + firstLine(lab.ffmpeg().ffmpeg().toString(), "-version") + " (" + lab.ffmpeg().source()
                + ") |");
        lines.add("| Node.js (Azurite) | " + firstLine("node", "--version") + " |");
        lines.add("| libraries | azure-batch " + version("com.microsoft.azure", "azure-batch") + ", azure-storage-blob "
                + version("com.azure", "azure-storage-blob") + ", azure-core-http-jdk-httpclient "
                + version("com.azure", "azure-core-http-jdk-httpclient") + " |");
        return lines;
    }

    /** The line that heads each benchmark's details: when, how often, with which command. */
    static String measured(Lab lab, String command) {
        return "Measured " + now() + ", " + lab.runs() + " repetitions (`" + command + "`).";
    }

    private static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " UTC";
    }

    private static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format(java.util.Locale.ROOT, "%.1f GiB", kib / 1048576.0);
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // not Linux
        }
        return Runtime.getRuntime().maxMemory() / 1048576 + " MiB max heap";
    }

    private static String firstLine(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            String first = out.lines().findFirst().orElse("?").trim();
            return first.length() > 80 ? first.substring(0, 80) + "…" : first;
        } catch (IOException e) {
            return "not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static String version(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Machine.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "?";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }
}
