package io.github.batchtranscode.testkit.batch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The emulator's rooms depend one way: {@code wire → node → service}, and {@code wire → service}. The engine in
 * {@code batch.internal} itself wires them together and may use all of them; no room uses the engine. Read from
 * the sources' {@code package} lines and every mention of an emulator package (imports, static imports and fully
 * qualified names), with comments and string literals left out.
 */
class ArchitectureTest {
    private static final String BASE = "io.github.batchtranscode.testkit.batch.internal";
    private static final Path SOURCES = Path.of("src/main/java", BASE.replace('.', '/'));
    /** The engine's own package, which may use every room. */
    private static final String ENGINE = "";
    /** Which rooms each room may use. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "wire", Set.of("node", "service"),
            "node", Set.of("service"),
            "service", Set.of());
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern MENTION = Pattern.compile(Pattern.quote(BASE) + "\\.(?:([a-z]\\w*)\\.)?[A-Z]");
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])'", Pattern.DOTALL);

    @Test
    void roomsDependOnlyOneWay() {
        Map<String, String> sources = sources();
        assertThat(sources.keySet()).as("every room holds sources")
                .anyMatch(f -> f.startsWith("wire/")).anyMatch(f -> f.startsWith("node/"))
                .anyMatch(f -> f.startsWith("service/"));
        List<String> wrong = new ArrayList<>();
        sources.forEach((file, text) -> wrong.addAll(violations(file, text)));
        assertThat(wrong).as("dependencies against wire → node → service").isEmpty();
    }

    @Test
    void roomsFormNoCycle() {
        Map<String, Set<String>> graph = new TreeMap<>();
        sources().forEach((file, text) -> graph.computeIfAbsent(room(text), r -> new TreeSet<>())
                .addAll(mentionedRooms(text)));
        graph.remove(ENGINE);
        assertThat(cycle(graph)).as("a cycle between the emulator's rooms").isEmpty();
    }

    @Test
    void theCheckReportsAWrongDirectionAStrangeRoomAndACycle() {
        String serviceUsingWire = "package " + BASE + ".service;\nimport " + BASE + ".wire.Views;\n"
                + "// import " + BASE + ".node.TaskRunner;\nclass X { String s = \"" + BASE + ".node.Y\"; }";
        assertThat(violations("service/X.java", serviceUsingWire))
                .containsExactly("service/X.java (room service) uses room wire");
        String nodeUsingEngine = "package " + BASE + ".node;\nclass Y { " + BASE + ".EmulatorEngine e; }";
        assertThat(violations("node/Y.java", nodeUsingEngine))
                .containsExactly("node/Y.java (room node) uses the engine");
        assertThat(violations("misc/Z.java", "package " + BASE + ".misc;\nclass Z {}"))
                .containsExactly("misc/Z.java is in package " + BASE + ".misc, which is no room of " + ALLOWED.keySet());
        assertThat(cycle(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a")))).containsExactly("a", "b", "c");
        assertThat(cycle(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of()))).isEmpty();
    }

    private static List<String> violations(String file, String text) {
        String room = room(text);
        if (room.equals(ENGINE)) {
            return List.of();
        }
        if (!ALLOWED.containsKey(room)) {
            return List.of(file + " is in package " + BASE + "." + room + ", which is no room of " + ALLOWED.keySet());
        }
        List<String> wrong = new ArrayList<>();
        for (String used : mentionedRooms(text)) {
            if (used.equals(ENGINE)) {
                wrong.add(file + " (room " + room + ") uses the engine");
            } else if (!used.equals(room) && !ALLOWED.get(room).contains(used)) {
                wrong.add(file + " (room " + room + ") uses room " + used);
            }
        }
        return wrong;
    }

    /** The room a source is in: the package segment after {@code batch.internal}, or {@link #ENGINE}. */
    private static String room(String text) {
        Matcher m = PACKAGE.matcher(text);
        assertThat(m.find()).as("a package line").isTrue();
        String pkg = m.group(1);
        return pkg.equals(BASE) ? ENGINE : pkg.substring(BASE.length() + 1).split("\\.")[0];
    }

    private static Set<String> mentionedRooms(String text) {
        String code = PACKAGE.matcher(COMMENTS_AND_STRINGS.matcher(text).replaceAll(" ")).replaceAll(" ");
        Set<String> rooms = new TreeSet<>();
        Matcher m = MENTION.matcher(code);
        while (m.find()) {
            rooms.add(m.group(1) == null ? ENGINE : m.group(1));
        }
        return rooms;
    }

    /** One cycle of the graph as its rooms in order, or empty when it has none. */
    private static List<String> cycle(Map<String, Set<String>> graph) {
        Set<String> done = new HashSet<>();
        for (String start : new TreeSet<>(graph.keySet())) {
            List<String> found = walk(graph, start, new ArrayList<>(), done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> walk(Map<String, Set<String>> graph, String at, List<String> path, Set<String> done) {
        int seen = path.indexOf(at);
        if (seen >= 0) {
            return path.subList(seen, path.size());
        }
        if (done.contains(at)) {
            return List.of();
        }
        path.add(at);
        for (String next : new TreeSet<>(graph.getOrDefault(at, Set.of()))) {
            if (!next.equals(at)) {
                List<String> found = walk(graph, next, path, done);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        path.remove(path.size() - 1);
        done.add(at);
        return List.of();
    }

    /** Every main source of the emulator's internals, by its path below {@code batch/internal}. */
    private static Map<String, String> sources() {
        assertThat(SOURCES).as("run from the testkit module's directory").isDirectory();
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                out.put(SOURCES.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
