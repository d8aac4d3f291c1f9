package io.github.batchtranscode.testkit.batch.internal.wire;

import io.github.batchtranscode.testkit.batch.BatchEmulatorStats;
import io.github.batchtranscode.testkit.batch.OperationStats;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts requests, errors and response bytes per operation. Thread-safe. */
public final class StatsRecorder {
    private final Map<String, LongAdder[]> counters = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> schemes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> apiVersions = new ConcurrentHashMap<>();

    /** Counts a request's {@code api-version} query parameter ({@code none} without one). */
    public void recordApiVersion(String version) {
        apiVersions.computeIfAbsent(version == null ? "none" : version, k -> new LongAdder()).increment();
    }

    /** Counts a request's {@code Authorization} scheme (the word before the credential); never keeps the credential. */
    public void recordAuthorization(String header) {
        String scheme = header == null || header.isBlank() ? "none" : header.trim().split("\\s+", 2)[0];
        schemes.computeIfAbsent(scheme, k -> new LongAdder()).increment();
    }

    public void record(String operation, int status, long responseBytes) {
        LongAdder[] c = counters.computeIfAbsent(operation, k -> new LongAdder[] {
                new LongAdder(), new LongAdder(), new LongAdder()});
        c[0].increment();
        if (status >= 400) {
            c[1].increment();
        }
        c[2].add(responseBytes);
    }

    public BatchEmulatorStats snapshot() {
        Map<String, OperationStats> out = new HashMap<>();
        counters.forEach((k, c) -> out.put(k, new OperationStats(c[0].sum(), c[1].sum(), c[2].sum())));
        Map<String, Long> auth = new HashMap<>();
        schemes.forEach((k, c) -> auth.put(k, c.sum()));
        Map<String, Long> versions = new HashMap<>();
        apiVersions.forEach((k, c) -> versions.put(k, c.sum()));
        return new BatchEmulatorStats(out, auth, Map.of(), versions);
    }

    public void reset() {
        counters.clear();
        schemes.clear();
        apiVersions.clear();
    }
}
