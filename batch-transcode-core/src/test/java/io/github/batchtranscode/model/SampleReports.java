package io.github.batchtranscode.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reports shaped like real runs, for the HTML report's tests. */
final class SampleReports {
    static final String HOSTILE = "<script>alert(\"x\")</script> & 'quotes'.mp4";
    static final Instant T0 = Instant.parse("2025-01-02T10:00:00Z");

    private SampleReports() {
    }

    /**
     * A finished Azure-like run: 3 nodes (named so that text order differs from natural order), 12 tasks of which
     * 3 failed (one with a hostile name) and 1 was cancelled, plus 1 file that never started.
     */
    static TranscodeReport azureRun() {
        List<FileResult> files = new ArrayList<>();
        String[] nodes = {"tvmps_node-10_d", "tvmps_node-2_d", "tvmps_node-1_d"};
        for (int i = 0; i < 11; i++) {
            String node = nodes[i % 3];
            int start = 60 + i * 9;
            String input = i == 4 ? HOSTILE : "clips/video-" + i + ".mp4";
            if (i == 4 || i == 7) {
                files.add(failed(input, "FFMPEG_EXIT", 1, "ffmpeg exited with 1:\n  moov atom not found", node, start, start + 14, i));
            } else if (i == 9) {
                files.add(failed(input, "CANCELLED", null, "cancelled before this file finished", node, start, start + 30, i));
            } else {
                files.add(succeeded(input, node, start, start + 20 + i, i));
            }
        }
        files.add(failed("z & <never started>.mp4", "BlobNotFound", null, "the input blob is missing", null, -1, -1, 11));
        Map<String, Double> phases = new LinkedHashMap<>();
        phases.put("planning", 0.4);
        phases.put("staging", 12.6);
        phases.put("pool", 40.0);
        phases.put("submitting", 7.0);
        phases.put("running", 140.0);
        phases.put("downloading", 6.0);
        return TranscodeReport.builder().jobId("job-<b>&\"1\"").backend(Backend.AZURE).complete(true).files(files)
                .startTime(T0).endTime(T0.plusSeconds(206)).phaseSeconds(phases).retries(3)
                .warnings(List.of("node tvmps_node-2_d: start task failed <exit 1> & was taken out")).build();
    }

    /** A local run with {@code n} files spread over {@code workers} workers, all succeeded. */
    static TranscodeReport localRun(int n, int workers) {
        List<FileResult> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            files.add(succeeded("f" + i + ".mp4", "local-" + (i % workers + 1), i / workers * 3, i / workers * 3 + 3, i));
        }
        return TranscodeReport.builder().jobId("run-1").backend(Backend.LOCAL).complete(true).files(files).startTime(T0)
                .endTime(T0.plusSeconds((long) Math.ceil((double) n / workers) * 3 + 1))
                .phaseSeconds(Map.of("planning", 0.1)).retries(0).warnings(List.of()).build();
    }

    static FileResult succeeded(String input, String worker, int start, int end, int id) {
        return FileResult.builder().input(input).output(input.replace(".mp4", ".mp3")).status(FileStatus.SUCCEEDED)
                .exitCode(0).inputDurationSeconds(10.0).outputDurationSeconds(10.0).startTime(T0.plusSeconds(start))
                .endTime(T0.plusSeconds(end)).attempts(1).taskId("task-" + id).worker(worker).inputBytes(1000)
                .outputBytes(200L).build();
    }

    static FileResult failed(String input, String code, Integer exit, String error, String worker, int start, int end, int id) {
        FailureCode c = FailureCode.fromJson(code);
        FileResult.Builder b = c == FailureCode.SERVICE ? FileResult.builder().serviceCode(code)
                : FileResult.builder().failureCode(c);
        return b.input(input).status(FileStatus.FAILED).exitCode(exit).error(error)
                .inputDurationSeconds(10.0).startTime(start < 0 ? null : T0.plusSeconds(start))
                .endTime(end < 0 ? null : T0.plusSeconds(end)).attempts(start < 0 ? 0 : 1).requeues(id == 7 ? 1 : 0)
                .taskId("task-" + id).worker(worker).inputBytes(1000).build();
    }
}
