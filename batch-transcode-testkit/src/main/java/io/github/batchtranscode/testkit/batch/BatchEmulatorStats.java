package io.github.batchtranscode.testkit.batch;

import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of the emulator's request counters per operation, named as in the Batch REST reference
 * ({@code Task_AddCollection}, {@code Task_List}, {@code Job_GetTaskCounts}, …).
 *
 * @param operations           counters by operation name, sorted by name
 * @param authorizationSchemes requests by the scheme of their {@code Authorization} header ({@code SharedKey},
 *                             {@code Bearer}, …; {@code none} without one), so tests can check how a client
 *                             authenticated without the emulator keeping any credential
 * @param requestsByApiVersion requests by their {@code api-version} query parameter ({@code none} without one),
 *                             refused ones included, so a test can prove the version of every request on the wire
 */
public record BatchEmulatorStats(Map<String, OperationStats> operations, Map<String, Long> authorizationSchemes,
                                 Map<String, Long> requestsByApiVersion) {
    public BatchEmulatorStats {
        operations = java.util.Collections.unmodifiableMap(new TreeMap<>(operations));
        authorizationSchemes = java.util.Collections.unmodifiableMap(new TreeMap<>(authorizationSchemes));
        requestsByApiVersion = java.util.Collections.unmodifiableMap(new TreeMap<>(requestsByApiVersion));
    }

    /** Counters without api-versions. */
    public BatchEmulatorStats(Map<String, OperationStats> operations, Map<String, Long> authorizationSchemes) {
        this(operations, authorizationSchemes, Map.of());
    }

    /** Counters without authorization schemes. */
    public BatchEmulatorStats(Map<String, OperationStats> operations) {
        this(operations, Map.of());
    }

    /** Requests whose {@code Authorization} header used this scheme (e.g. {@code Bearer}); 0 when none did. */
    public long authorizationScheme(String scheme) {
        return authorizationSchemes.getOrDefault(scheme, 0L);
    }

    /** The counters of one operation; zeros when it was never called. */
    public OperationStats operation(String name) {
        return operations.getOrDefault(name, new OperationStats(0, 0, 0));
    }

    /** Requests over all operations. */
    public long totalRequests() {
        return operations.values().stream().mapToLong(OperationStats::requests).sum();
    }

    /** Response bytes over all operations. */
    public long totalResponseBytes() {
        return operations.values().stream().mapToLong(OperationStats::responseBytes).sum();
    }
}
