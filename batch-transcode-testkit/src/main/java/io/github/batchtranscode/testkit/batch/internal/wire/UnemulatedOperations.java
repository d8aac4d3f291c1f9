package io.github.batchtranscode.testkit.batch.internal.wire;

import io.github.batchtranscode.testkit.batch.internal.service.BatchServiceException;
import java.util.List;
import java.util.Map;

/**
 * Operations the Batch service has (REST spec 2024-07-01.20.0 / 2025-06-01) that the emulator does not implement.
 * A request for one is answered 501 {@code NotImplemented} naming the operation, instead of the 404
 * {@code ResourceNotFound} the service gives only for paths it does not have: a client calling, say,
 * {@code pool.resize} must not be told that its pool does not exist (found by driving the emulator with
 * Microsoft's JavaScript SDK). Stateless.
 */
final class UnemulatedOperations {
    /** {@code "METHOD shape"} to operation; a shape's {@code *} matches one id segment. */
    private static final Map<String, String> OPERATIONS = Map.ofEntries(
            Map.entry("PATCH pools/*", "Pool_Patch"),
            Map.entry("POST pools/*/resize", "Pool_Resize"),
            Map.entry("POST pools/*/stopresize", "Pool_StopResize"),
            Map.entry("POST pools/*/disableautoscale", "Pool_DisableAutoScale"),
            Map.entry("POST pools/*/updateproperties", "Pool_UpdateProperties"),
            Map.entry("POST pools/*/removenodes", "Pool_RemoveNodes"),
            Map.entry("GET poolusagemetrics", "Pool_ListUsageMetrics"),
            Map.entry("GET nodecounts", "Account_ListPoolNodeCounts"),
            Map.entry("POST jobs/*/disable", "Job_Disable"),
            Map.entry("POST jobs/*/enable", "Job_Enable"),
            Map.entry("GET jobs/*/tasks/*/subtasksinfo", "Task_ListSubtasks"),
            Map.entry("POST jobs/*/tasks/*/reactivate", "Task_Reactivate"),
            Map.entry("POST pools/*/nodes/*/reboot", "ComputeNode_Reboot"),
            Map.entry("POST pools/*/nodes/*/reimage", "ComputeNode_Reimage"),
            Map.entry("POST pools/*/nodes/*/disablescheduling", "ComputeNode_DisableScheduling"),
            Map.entry("POST pools/*/nodes/*/enablescheduling", "ComputeNode_EnableScheduling"),
            Map.entry("POST pools/*/nodes/*/uploadbatchservicelogs", "ComputeNode_UploadBatchServiceLogs"),
            Map.entry("GET pools/*/nodes/*/remoteloginsettings", "ComputeNode_GetRemoteLoginSettings"),
            Map.entry("POST pools/*/nodes/*/users", "ComputeNode_AddUser"),
            Map.entry("GET pools/*/nodes/*/extensions", "ComputeNodeExtension_List"));
    /** Roots whose every operation is unemulated. */
    private static final Map<String, String> ROOTS = Map.of(
            "jobschedules", "JobSchedule_*", "applications", "Application_*", "certificates", "Certificate_*");

    private UnemulatedOperations() {
    }

    /** The 501 answer for a service operation the emulator lacks, or null when the service has no such path. */
    static BatchServiceException refusal(String method, List<String> segments) {
        String operation = segments.isEmpty() ? null : ROOTS.get(segments.get(0));
        if (operation == null) {
            operation = OPERATIONS.get(method + " " + shape(segments));
        }
        if (operation == null) {
            return null;
        }
        return new BatchServiceException(501, "NotImplemented", "The Batch emulator does not implement "
                + operation + " (" + method + " /" + String.join("/", segments) + "); the Batch service does. Test"
                + " this call against the service, or leave it out of what runs on the emulator.",
                Map.of("Operation", operation));
    }

    /**
     * The 501 answer for a request property the service honours and the emulator would only store, never act on
     * (a Job Release task, say): refused rather than silently accepted.
     */
    static BatchServiceException property(String operation, String property) {
        return new BatchServiceException(501, "NotImplemented", "The Batch emulator does not implement "
                + property + " in " + operation + "; the Batch service does. Test it against the service, or leave"
                + " it out of what runs on the emulator.", Map.of("Operation", operation, "PropertyName", property));
    }

    /** The path with its id segments (each one after a collection name: 1, 3, …) replaced by {@code *}. */
    private static String shape(List<String> segments) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(i % 2 == 1 ? "*" : segments.get(i));
        }
        return sb.toString();
    }
}
