package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.internal.ffmpeg.HlsMaster;
import io.github.batchtranscode.internal.plan.OutputNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output slots of inputs planned on their nodes ({@link NodePlan}), for {@code SKIP_EXISTING}: every blob any
 * candidate of a format may write, each with the token the node script ({@code node-planned.sh}) knows that output
 * by — {@code <format>:<rung label>}, {@code <format>:hls}, {@code <format>:audio} or {@code <format>:file} (a
 * thumbnail). A ladder's rung at the source's own height (a source below 360 lines) has a name only the node knows:
 * any {@code <stem>.<h>p.<ext>} below 360 is that slot for height {@code h}. Tokens hold format indexes and numbers
 * only, never names: they go to the node in the task environment setting {@link #VARIABLE}.
 *
 * <p>{@link #offer} is thread-safe once every input was {@link #add}ed.
 */
final class NodeSlots {
    /** The task environment setting that carries the tokens of a task's existing outputs, space-separated. */
    static final String VARIABLE = "BT_EXISTING";
    private static final int LOWEST_RUNG = OutputNames.LADDER.get(OutputNames.LADDER.size() - 1);
    /** {@code <blob stem>.<height>p.<extension>} */
    private static final Pattern RUNG = Pattern.compile("^(.*\\.)([0-9]{1,4})p\\.([^./]+)$");

    /** An output slot of one input: its task, format and token. */
    record Slot(String taskId, NodePlan.Format format, String token) {
    }

    /** Where a named output of an input goes: for HLS the folder's blob (as {@link NodeTasks#blob}). */
    interface Names {
        String blob(PlannedFile file, NodePlan.Format f, String name);
    }

    private final Names names;
    private final Map<String, List<Slot>> fixed = new HashMap<>();
    /** blob stem + "." of a ladder format → the slot it stands for, without the height */
    private final Map<String, List<Slot>> own = new HashMap<>();
    /** task id → token → bytes of the existing blob */
    private final Map<String, Map<String, Long>> found = new ConcurrentHashMap<>();

    NodeSlots(Names names) {
        this.names = names;
    }

    /** The token of format {@code f}'s output with rung label {@code label} (ignored but for renditions). */
    static String token(NodePlan.Format f, int label) {
        String slot;
        if (f.audio()) {
            slot = "audio";
        } else {
            slot = switch (f.preset().kind()) {
                case HLS -> "hls";
                case THUMBNAIL -> "file";
                default -> Integer.toString(label);
            };
        }
        return f.index() + ":" + slot;
    }

    /** Whether an output is the ladder's rung at the source's own height, whose name the node decides. */
    static boolean ownHeight(NodePlan.Output out) {
        return out.label() == 0 && !out.hls();
    }

    /** The blob of a named output of {@code file}: for HLS its master playlist's. */
    String blob(PlannedFile file, NodePlan.Format f, NodePlan.Output out, int label) {
        String name = NodeTasks.name(file, f, out, label);
        String blob = names.blob(file, f, name);
        return out.hls() ? blob + "/" + HlsMaster.MASTER : blob;
    }

    /** Registers every slot of {@code file}'s formats. */
    void add(PlannedFile file, List<NodePlan.Format> formats) {
        for (NodePlan.Format f : formats) {
            for (NodePlan.Candidate c : f.candidates()) {
                for (NodePlan.Output out : c.outputs()) {
                    if (ownHeight(out)) {
                        String probe = blob(file, f, out, 1); // <blob stem>.1p.<ext>
                        String stem = probe.substring(0, probe.length() - ("1p." + f.extension()).length());
                        put(own, stem, new Slot(file.taskId(), f, null));
                    } else {
                        put(fixed, blob(file, f, out, out.label()), new Slot(file.taskId(), f, token(f, out.label())));
                    }
                }
            }
        }
    }

    private static void put(Map<String, List<Slot>> map, String key, Slot slot) {
        List<Slot> slots = map.computeIfAbsent(key, k -> new ArrayList<>(1));
        if (!slots.contains(slot)) {
            slots.add(slot);
        }
    }

    /** Takes note of a listed blob: when it is an output slot of an input and not empty, that slot exists. */
    void offer(String blob, long bytes) {
        if (bytes <= 0) {
            return; // an empty output is made again, as on the local backend
        }
        for (Slot s : fixed.getOrDefault(blob, List.of())) {
            found(s.taskId()).put(s.token(), bytes);
        }
        Matcher m = RUNG.matcher(blob);
        if (!own.isEmpty() && m.matches()) {
            int height = Integer.parseInt(m.group(2));
            for (Slot s : own.getOrDefault(m.group(1), List.of())) {
                if (height > 0 && height < LOWEST_RUNG && s.format().extension().equals(m.group(3))) {
                    found(s.taskId()).put(token(s.format(), height), bytes);
                }
            }
        }
    }

    private Map<String, Long> found(String taskId) {
        return found.computeIfAbsent(taskId, k -> new ConcurrentHashMap<>());
    }

    /** The slots of an input found to exist: token → bytes. */
    Map<String, Long> existing(String taskId) {
        return found.getOrDefault(taskId, Map.of());
    }

    /**
     * Whether every output any candidate of every format may make for {@code file} exists, whatever the source's
     * height and audio: only then is no task needed. Never for a ladder, whose rung at a small source's own height
     * could be any.
     */
    static boolean complete(List<NodePlan.Format> formats, Map<String, Long> existing) {
        for (NodePlan.Format f : formats) {
            for (NodePlan.Candidate c : f.candidates()) {
                for (NodePlan.Output out : c.outputs()) {
                    if (ownHeight(out) || !existing.containsKey(token(f, out.label()))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The value of {@link #VARIABLE} for these tokens: sorted, space-separated. */
    static String value(Map<String, Long> existing) {
        return String.join(" ", new java.util.TreeSet<>(existing.keySet()));
    }
}
