package io.github.batchtranscode.testkit.batch.internal.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.batchtranscode.testkit.batch.TaskSpan;
import io.github.batchtranscode.testkit.batch.internal.service.BatchJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Uploads a finished task's OutputFiles by their conditions, patterns and destinations, logging to
 * {@code fileuploadout.txt}/{@code fileuploaderr.txt} in the task directory as the node agent does.
 */
final class OutputUploads {
    /** The first failure, if any: code and message for the task's failureInfo. */
    record Failure(String code, String message) {
    }

    private OutputUploads() {
    }

    static Failure upload(JsonNode outputFiles, boolean succeeded, Path wd, Path taskDir, Map<String, String> env,
                          BlobTransfer blobs, NodeTokens tokens, boolean failUploads, String simulatedTaskId) {
        return upload(outputFiles, succeeded, wd, taskDir, env, blobs, tokens, failUploads, simulatedTaskId,
                Steps.NONE);
    }

    /** As above, telling {@code steps} of each file uploaded. */
    static Failure upload(JsonNode outputFiles, boolean succeeded, Path wd, Path taskDir, Map<String, String> env,
                          BlobTransfer blobs, NodeTokens tokens, boolean failUploads, String simulatedTaskId,
                          Steps steps) {
        if (outputFiles == null || !outputFiles.isArray() || outputFiles.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        Failure failure = null;
        for (JsonNode of : outputFiles) {
            if (!applies(BatchJson.text(of.get("uploadOptions"), "uploadCondition"), succeeded)) {
                continue;
            }
            JsonNode container = of.path("destination").path("container");
            String containerUrl = BatchJson.text(container, "containerUrl");
            String path = BatchJson.text(container, "path");
            String pattern = NodeEnvironment.expand(String.valueOf(BatchJson.text(of, "filePattern")), env);
            Map<String, String> headers = headers(container.get("uploadHeaders"));
            try {
                if (failUploads) {
                    throw new BlobTransfer.TransferException("FileUploadMiscError",
                            "Uploading " + pattern + " failed (emulated fault)");
                }
                if (containerUrl == null) {
                    throw new BlobTransfer.TransferException("FileUploadMiscError", "No container URL for " + pattern);
                }
                String token = tokens.token(container.get("identityReference"), "FileUploadMiscError");
                if (simulatedTaskId != null) {
                    String name = placeholderName(pattern, path);
                    if (blobs == null) {
                        out.append("simulated upload of ").append(name).append(" (not written)\n");
                        continue;
                    }
                    blobs.upload(containerUrl, name, ("simulated output of task " + simulatedTaskId + "\n")
                            .getBytes(StandardCharsets.UTF_8), headers, token);
                    out.append("uploaded placeholder ").append(name).append('\n');
                    continue;
                }
                List<OutputFileMatcher.Match> matches = OutputFileMatcher.match(pattern, path, wd);
                for (OutputFileMatcher.Match m : matches) {
                    Instant start = Instant.now();
                    blobs.upload(containerUrl, m.blobName(), m.file(), headers, token);
                    steps.done(TaskSpan.UPLOAD_PREFIX + m.file().getFileName(), start);
                    out.append("uploaded ").append(m.file()).append(" to ").append(m.blobName()).append('\n');
                }
                if (matches.isEmpty()) {
                    out.append("no files matched ").append(pattern).append('\n');
                }
            } catch (BlobTransfer.TransferException e) {
                err.append(e.code).append(": ").append(e.getMessage()).append('\n');
                if (failure == null) {
                    failure = new Failure(e.code, e.getMessage());
                }
            } catch (IOException e) {
                err.append("FileUploadMiscError: ").append(e.getMessage()).append('\n');
                if (failure == null) {
                    failure = new Failure("FileUploadMiscError", "Reading the files to upload failed");
                }
            }
        }
        append(taskDir.resolve("fileuploadout.txt"), out);
        append(taskDir.resolve("fileuploaderr.txt"), err);
        return failure;
    }

    static boolean applies(String condition, boolean succeeded) {
        String c = condition == null ? "taskcompletion" : condition.toLowerCase(Locale.ROOT);
        return switch (c) {
            case "tasksuccess" -> succeeded;
            case "taskfailure" -> !succeeded;
            default -> true;
        };
    }

    private static String placeholderName(String pattern, String path) {
        String p = pattern.replace('\\', '/');
        String last = p.substring(p.lastIndexOf('/') + 1);
        if (!OutputFileMatcher.isWild(p)) {
            return path == null || path.isEmpty() ? last : path;
        }
        String literal = last.replaceAll("[*?\\[\\]!]", "x");
        return path == null || path.isEmpty() ? literal : path.replaceAll("/+$", "") + "/" + literal;
    }

    private static Map<String, String> headers(JsonNode uploadHeaders) {
        Map<String, String> h = new LinkedHashMap<>();
        if (uploadHeaders != null && uploadHeaders.isArray()) {
            for (JsonNode n : uploadHeaders) {
                String name = BatchJson.text(n, "name");
                if (name != null) {
                    h.put(name, String.valueOf(BatchJson.text(n, "value")));
                }
            }
        }
        return h;
    }

    private static void append(Path file, CharSequence text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the log is a courtesy
        }
    }
}
