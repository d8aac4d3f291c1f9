package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.internal.ffmpeg.FfmpegCommand;
import io.github.batchtranscode.internal.ffmpeg.OutputVerifier;
import io.github.batchtranscode.internal.ffmpeg.VideoPlan;
import io.github.batchtranscode.internal.plan.OutputNames;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.Preset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plan of one input whose media the client never holds (a blob source or destination on Azure Batch): the
 * decisions {@link VideoPlan} takes from a probe locally are taken on the node instead, from candidates written
 * here. Per format the client writes every candidate argument list with a fixed condition — the source's height
 * range and whether it has audio — from {@link VideoPlan#template} (the local backend's arguments, with
 * placeholders for the numbers only a probe gives), and per candidate the outputs it makes with what verification
 * expects of them. The node script ({@code node-planned.sh}) picks the first candidate that fits, fills in the
 * numbers, verifies and reports. {@code plan.txt} and the argument files hold fixed node paths, numbers and codec
 * names: no user text, so the task's command line stays {@link NodeScript#COMMAND_LINE}.
 *
 * @param formats one per format of the request, in order
 */
record NodePlan(List<Format> formats) {
    /** The plan file's name on the node. */
    static final String PLAN_FILE = "plan.txt";
    /** The result manifest the node writes, uploaded on task completion. */
    static final String RESULT_FILE = "result.json";
    /** Source heights at or above this are "any". */
    private static final int ANY = 1_000_000;

    /**
     * One output of a candidate.
     *
     * @param kind       {@code file}, {@code audio} or {@code hls}
     * @param node       where the node writes it (for HLS the folder); {@code @H@} stands for the own height
     * @param label      the rung label in its name, or 0 when it is the source's own height (known on the node only)
     * @param height     the rung's height, or 0 for the own height
     * @param videoCodec what verification expects, or null (audio)
     * @param audioCodec what verification expects, or null for none
     * @param timed      whether its duration is checked against the input's
     * @param rungs      for HLS, {height, label} per variant (0 for the own height); else empty
     */
    record Output(String kind, String node, int label, int height, String videoCodec, String audioCodec,
            boolean timed, List<int[]> rungs) {
        boolean hls() {
            return kind.equals("hls");
        }
    }

    /**
     * One candidate argument list of a format.
     *
     * @param minHeight the lowest source height it is for (video)
     * @param maxHeight the highest
     * @param audio     1 when it needs the source's audio, 0 when it is for a source without, -1 either
     * @param args      the argument file's text
     * @param outputs   what it makes
     */
    record Candidate(int minHeight, int maxHeight, int audio, String args, List<Output> outputs) {
    }

    /**
     * One format of the request.
     *
     * @param index      its position in the request
     * @param key        its name in the report
     * @param preset     the preset, or null for a custom (audio) format
     * @param audio      whether it is an audio format
     * @param extension  its outputs' extension
     * @param encoder    the video encoder its arguments use, or null
     * @param candidates in the order the node tries them
     */
    record Format(int index, String key, Preset preset, boolean audio, String extension, String encoder,
            List<Candidate> candidates) {
        /** The argument file of candidate {@code c} on the node. */
        String argsFile(int c) {
            return String.format(Locale.ROOT, "args-%02d-%d.txt", index, c);
        }

        String dir() {
            return String.format(Locale.ROOT, "out/%02d/", index);
        }
    }

    /**
     * The plan of a request's formats; {@code encoders} gives each video preset's encoder (the local ffmpeg's
     * choice, which the pool's start task checks the nodes have).
     */
    static NodePlan of(List<OutputFormat> formats, java.util.function.Function<Preset, String> encoders) {
        List<Format> out = new ArrayList<>();
        for (int i = 0; i < formats.size(); i++) {
            OutputFormat f = formats.get(i);
            out.add(f.isVideo() ? video(i, f.preset(), encoders.apply(f.preset())) : audio(i, f));
        }
        return new NodePlan(List.copyOf(out));
    }

    private static Format audio(int index, OutputFormat f) {
        String node = String.format(Locale.ROOT, "out/%02d/audio.%s", index, f.extension());
        List<String> argv = FfmpegCommand.argv("ffmpeg", NodeScript.INPUT_FILE, node, f);
        Candidate c = new Candidate(0, ANY, 1, lines(argv.subList(1, argv.size())),
                List.of(new Output("audio", node, -1, -1, null, null, true, List.of())));
        return new Format(index, f.key(), f.preset(), true, f.extension(), null, List.of(c));
    }

    private static Format video(int index, Preset preset, String encoder) {
        List<Candidate> candidates = new ArrayList<>();
        List<int[]> classes = new ArrayList<>(); // {min, max, own}
        if (preset.kind() == Preset.Kind.LADDER || preset.kind() == Preset.Kind.HLS) {
            int max = ANY;
            for (int h : OutputNames.LADDER) {
                classes.add(new int[] {h, max, 0});
                max = h - 1;
            }
            classes.add(new int[] {1, max, 1});
        } else {
            classes.add(new int[] {preset.maxHeight(), ANY, 0});
            classes.add(new int[] {1, preset.maxHeight() - 1, 1});
        }
        for (int[] c : classes) {
            boolean own = c[2] == 1;
            List<int[]> rungs = own ? List.of(new int[] {0, preset.kind() == Preset.Kind.RENDITION
                    || preset.kind() == Preset.Kind.THUMBNAIL ? preset.maxHeight() : 0})
                    : VideoPlan.rungs(preset, c[0]);
            for (int audio : preset == Preset.THUMBNAIL ? new int[] {-1} : new int[] {1, 0}) {
                candidates.add(candidate(index, preset, encoder, c, own, rungs, audio));
            }
        }
        return new Format(index, preset.toString(), preset, false, preset.extension(), encoder, List.copyOf(candidates));
    }

    private static Candidate candidate(int index, Preset preset, String encoder, int[] range, boolean own,
            List<int[]> rungs, int audio) {
        String dir = String.format(Locale.ROOT, "out/%02d/", index);
        boolean hasAudio = audio == 1;
        List<String> targets = new ArrayList<>();
        for (int[] r : rungs) {
            String label = r[1] == 0 ? VideoPlan.OWN_HEIGHT : Integer.toString(r[1]);
            targets.add(switch (preset.kind()) {
                case HLS -> dir + "hls/" + label + "p";
                case THUMBNAIL -> dir + "poster.jpg";
                // the own rung of a ladder has a name known on the node only: a folder of its own (see NodeTasks)
                default -> dir + (r[1] == 0 ? "own/" : "") + label + "p." + preset.extension();
            });
        }
        String args = lines(VideoPlan.template(preset, NodeScript.INPUT_FILE, rungs, own, hasAudio, encoder, targets));
        OutputVerifier.Expect expect = VideoPlan.expect(preset, 1, hasAudio, 1.0);
        boolean timed = preset != Preset.THUMBNAIL;
        List<Output> outputs = new ArrayList<>();
        if (preset == Preset.HLS) {
            outputs.add(new Output("hls", dir + "hls", 0, own ? 0 : rungs.get(0)[0], expect.videoCodec(),
                    expect.audioCodec(), timed, rungs));
        } else {
            for (int i = 0; i < rungs.size(); i++) {
                outputs.add(new Output("file", targets.get(i), rungs.get(i)[1], own ? 0 : rungs.get(i)[0],
                        expect.videoCodec(), expect.audioCodec(), timed, List.of()));
            }
        }
        return new Candidate(range[0], range[1], audio, args, List.copyOf(outputs));
    }

    private static String lines(List<String> argv) {
        return String.join("\n", argv) + "\n";
    }

    /** The node's {@code plan.txt}: tab-separated lines of fixed paths, numbers and codec names. */
    String planText(boolean verify) {
        StringBuilder sb = new StringBuilder();
        sb.append("V\t").append(verify ? 1 : 0).append('\n');
        sb.append("T\t").append(OutputVerifier.RELATIVE).append('\t').append(OutputVerifier.ABSOLUTE).append('\n');
        for (Format f : formats) {
            sb.append("F\t").append(f.index()).append('\t').append(f.audio() ? "audio" : "video").append('\t')
                    .append(f.preset() == Preset.WEBM_720P ? "webm" : "h264").append('\n');
            for (int c = 0; c < f.candidates().size(); c++) {
                Candidate k = f.candidates().get(c);
                sb.append("C\t").append(f.index()).append('\t').append(c).append('\t').append(k.minHeight())
                        .append('\t').append(k.maxHeight()).append('\t').append(k.audio()).append('\t')
                        .append(f.argsFile(c)).append('\n');
            }
        }
        for (Format f : formats) {
            for (int c = 0; c < f.candidates().size(); c++) {
                List<Output> outs = f.candidates().get(c).outputs();
                for (int o = 0; o < outs.size(); o++) {
                    Output out = outs.get(o);
                    String height = out.height() == 0 ? VideoPlan.OWN_HEIGHT : Integer.toString(out.height());
                    StringBuilder rungs = new StringBuilder();
                    for (int[] r : out.rungs()) {
                        rungs.append(rungs.length() > 0 ? " " : "")
                                .append(r[0] == 0 ? VideoPlan.OWN_HEIGHT : Integer.toString(r[0])).append(':')
                                .append(r[1] == 0 ? VideoPlan.OWN_HEIGHT : Integer.toString(r[1]));
                    }
                    sb.append(String.join("\t", "O", Integer.toString(f.index()), Integer.toString(c),
                            Integer.toString(o), out.kind(), out.node(),
                            out.videoCodec() == null ? "-" : out.videoCodec(), out.kind().equals("audio") ? "-" : height,
                            out.audioCodec() == null ? "-" : out.audioCodec(), out.timed() ? "1" : "0",
                            rungs.length() == 0 ? "-" : rungs.toString())).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** Every argument file of the plan: node name to text. */
    Map<String, String> argumentFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        for (Format f : formats) {
            for (int c = 0; c < f.candidates().size(); c++) {
                files.put(f.argsFile(c), f.candidates().get(c).args());
            }
        }
        return files;
    }

    /** What names a format's outputs in the job's output container: the format and every argument it may run. */
    String outputKeyText(Format f) {
        StringBuilder sb = new StringBuilder(f.key()).append('\n');
        f.candidates().forEach(c -> sb.append(c.args().replace(f.dir(), "out/")));
        return sb.toString();
    }
}
