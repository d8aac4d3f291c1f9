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
 * @param packageRequests      how many times sandboxed nodes' processes asked {@code apt-get}/{@code apt} to
 *                             install each package, over the existing pools (see
 *                             {@link BatchEmulator#packageRequests()}), sorted by package name
 * @param requestsByApiVersion requests by their {@code api-version} query parameter ({@code none} without one),
 *                             refused ones included, so a test can prove the version of every request on the wire
 */
public record BatchEmulatorStats(Map<String, OperationStats> operations, Map<String, Long> authorizationSchemes,
                                 Map<String, Long> packageRequests, Map<String, Long> requestsByApiVersion) {
    public BatchEmulatorStats {
        operations = java.util.Collections.unmodifiableMap(new TreeMap<>(operations));
        authorizationSchemes = java.util.Collections.unmodifiableMap(new TreeMap<>(authorizationSchemes));
        packageRequests = java.util.Collections.unmodifiableMap(new TreeMap<>(packageRequests));
        requestsByApiVersion = java.util.Collections.unmodifiableMap(new TreeMap<>(requestsByApiVersion));
    }

    /** Counters without api-versions. */
    public BatchEmulatorStats(Map<String, OperationStats> operations, Map<String, Long> authorizationSchemes,
                              Map<String, Long> packageRequests) {
        this(operations, authorizationSchemes, packageRequests, Map.of());
    }

    /** Counters without package requests and api-versions. */
    public BatchEmulatorStats(Map<String, OperationStats> operations, Map<String, Long> authorizationSchemes) {
        this(operations, authorizationSchemes, Map.of(), Map.of());
    }

    /** Counters without authorization schemes. */
    public BatchEmulatorStats(Map<String, OperationStats> operations) {
        this(operations, Map.of());
    }

    /** How many times nodes asked to install {@code packageName} (e.g. {@code ffmpeg}); 0 when never. */
    public long packageRequests(String packageName) {
        return packageRequests.getOrDefault(packageName, 0L);
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
