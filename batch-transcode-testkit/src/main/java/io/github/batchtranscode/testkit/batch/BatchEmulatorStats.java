package io.github.batchtranscode.testkit.batch;

import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of the emulator's request counters per operation, named as in the Batch REST reference
 * ({@code Task_AddCollection}, {@code Task_List}, {@code Job_GetTaskCounts}, …).
 *
 * @param operations counters by operation name, sorted by name
 */
public record BatchEmulatorStats(Map<String, OperationStats> operations) {
    public BatchEmulatorStats {
        operations = java.util.Collections.unmodifiableMap(new TreeMap<>(operations));
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
