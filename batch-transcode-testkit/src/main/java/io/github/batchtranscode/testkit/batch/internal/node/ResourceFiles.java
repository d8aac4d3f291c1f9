package io.github.batchtranscode.testkit.batch.internal.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.batchtranscode.testkit.batch.TaskSpan;
import io.github.batchtranscode.testkit.batch.internal.service.BatchJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Downloads a task's ResourceFiles into its working directory as the node agent does, with the pool identity's
 * token where one names an {@code identityReference}. Stateless.
 */
final class ResourceFiles {
    private ResourceFiles() {
    }

    static void fetch(JsonNode resourceFiles, Path wd, BlobTransfer blobs, NodeTokens tokens)
            throws BlobTransfer.TransferException {
        fetch(resourceFiles, wd, blobs, tokens, Steps.NONE);
    }

    /** As above, telling {@code steps} of each file downloaded. */
    static void fetch(JsonNode resourceFiles, Path wd, BlobTransfer blobs, NodeTokens tokens, Steps steps)
            throws BlobTransfer.TransferException {
        if (resourceFiles == null || !resourceFiles.isArray()) {
            return;
        }
        for (JsonNode rf : resourceFiles) {
            String token = tokens.token(rf.get("identityReference"), "BlobDownloadMiscError");
            String httpUrl = BatchJson.text(rf, "httpUrl");
            String containerUrl = BatchJson.text(rf, "storageContainerUrl");
            String filePath = BatchJson.text(rf, "filePath");
            if (httpUrl != null) {
                if (filePath == null || filePath.isBlank()) {
                    throw new BlobTransfer.TransferException("ResourceFileCreateFailed",
                            "filePath is required with httpUrl");
                }
                Path target = inside(wd, filePath);
                Instant start = Instant.now();
                blobs.download(httpUrl, target, token);
                chmod(target, BatchJson.text(rf, "fileMode"));
                steps.done(TaskSpan.RESOURCE_FILE_PREFIX + filePath, start);
            } else if (containerUrl != null) {
                String prefix = BatchJson.text(rf, "blobPrefix");
                Path dir = filePath == null || filePath.isBlank() ? wd : inside(wd, filePath);
                for (String name : blobs.list(containerUrl, prefix, token)) {
                    Path target = inside(dir, name);
                    Instant start = Instant.now();
                    blobs.download(BlobTransfer.blobUrl(containerUrl, name), target, token);
                    chmod(target, BatchJson.text(rf, "fileMode"));
                    steps.done(TaskSpan.RESOURCE_FILE_PREFIX + wd.relativize(target), start);
                }
            } else {
                throw new BlobTransfer.TransferException("ResourceFileCreateFailed", "The emulator supports "
                        + "httpUrl and storageContainerUrl resource files only (no autoStorageContainerName)");
            }
        }
    }

    private static Path inside(Path dir, String relative) throws BlobTransfer.TransferException {
        Path p = dir.resolve(relative.replace('\\', '/')).normalize();
        if (!p.startsWith(dir.normalize())) {
            throw new BlobTransfer.TransferException("ResourceFileCreateFailed",
                    "The file path " + relative + " leaves the working directory");
        }
        return p;
    }

    private static void chmod(Path file, String octal) {
        String mode = octal == null ? "0770" : octal;
        try {
            int bits = Integer.parseInt(mode, 8);
            Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
            PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
            for (int i = 0; i < order.length; i++) {
                if ((bits & (1 << i)) != 0) {
                    perms.add(order[i]);
                }
            }
            Files.setPosixFilePermissions(file, perms);
        } catch (NumberFormatException | IOException | UnsupportedOperationException ignored) {
            // the file stays with default permissions
        }
    }
}
