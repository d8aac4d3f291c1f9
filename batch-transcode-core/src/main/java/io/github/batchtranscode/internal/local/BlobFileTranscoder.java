package io.github.batchtranscode.internal.local;

import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import io.github.batchtranscode.internal.azure.Redact;
import io.github.batchtranscode.internal.blob.BlobTransfers;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.internal.plan.OutputNames;
import io.github.batchtranscode.model.BlobLocation;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.OutputResult;
import io.github.batchtranscode.model.OverwritePolicy;
import io.github.batchtranscode.model.TranscodeRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The local backend's blob path for one file: download the source blob (when the source is blobs) into the run's
 * temporary directory, transcode it with {@link FileTranscoder}, upload every output (when the destination is blobs;
 * an HLS output's whole folder),
 * and delete the temporary copies at once, so disk use is bounded by the files in flight and memory by the
 * transfers' block buffers. Every failure is a row naming the blob.
 */
final class BlobFileTranscoder {
    private final TranscodeRequest request;
    private final FileTranscoder transcoder;
    private final BlobTransfers transfers;
    private final Path scratch;
    private final Path outputDir;
    private final boolean localOutput;
    private final Clock clock;
    /** Under SKIP_EXISTING with a blob destination: the outputs whose blobs exist, kept one by one; else null. */
    private final KeptBlobs kept;

    /** {@code outputDir} is the request's output directory, or a temporary one when outputs go only to blobs. */
    BlobFileTranscoder(TranscodeRequest request, FileTranscoder transcoder, BlobTransfers transfers, Path scratch,
            Path outputDir, Clock clock) {
        this.request = request;
        this.transcoder = transcoder;
        this.transfers = transfers;
        this.scratch = scratch;
        this.outputDir = outputDir;
        this.localOutput = request.outputDirectory() != null;
        this.clock = clock;
        this.kept = request.outputBlobs() != null && request.overwrite() == OverwritePolicy.SKIP_EXISTING
                ? new KeptBlobs(transfers, request.outputBlobs()) : null;
        transcoder.keepingBlobs(kept);
    }

    FileResult transcode(PlannedFile file, String worker, Runnable onStart) {
        Instant start = clock.instant();
        BlobLocation dest = request.outputBlobs();
        BlobLocation source = request.inputBlobs();
        String outputBlob = dest == null ? null : dest.blobName(file.output());
        if (dest != null && request.overwrite() == OverwritePolicy.SKIP_EXISTING) {
            List<OutputResult> existing = existing(dest, file);
            if (existing != null && (!localOutput || Files.exists(outputDir.resolve(file.output())))) {
                long bytes = existing.stream().mapToLong(OutputResult::bytes).sum();
                return FileResult.builder().input(file.input()).output(file.output()).status(FileStatus.SUCCEEDED)
                        .startTime(start).endTime(clock.instant()).taskId(file.taskId()).worker(worker)
                        .inputBytes(file.inputBytes()).outputBytes(bytes).outputBlob(outputBlob).outputs(existing)
                        .build();
            }
        }
        Path input = file.inputPath();
        Path downloaded = null;
        try {
            if (source != null) {
                downloaded = scratch.resolve("in").resolve(file.taskId()).resolve(Path.of(file.input()).getFileName());
                try {
                    transfers.download(source.container(), file.input(), downloaded);
                } catch (BlobStorageException e) {
                    return failed(file, start, worker, FailureCode.DOWNLOAD, "source blob '" + file.input() + "' in container '"
                            + source.container() + "' could not be downloaded: " + why(e));
                } catch (UncheckedIOException e) {
                    return failed(file, start, worker, FailureCode.IO, "source blob '" + file.input() + "' could not be written"
                            + " to the temporary directory " + scratch + ": " + e.getCause().getMessage()
                            + ". Free disk space or set java.io.tmpdir");
                }
                input = downloaded;
            }
            PlannedFile local = new PlannedFile(file.taskId(), file.input(), input, file.output(), file.inputBytes(),
                    file.stem(), file.version());
            FileResult row = transcoder.transcode(local, worker, onStart);
            if (!row.succeeded() || dest == null) {
                return source == null ? row : named(row, source);
            }
            List<String> files = uploads(row);
            String blob = outputBlob;
            try {
                for (String relative : files) {
                    blob = dest.blobName(relative);
                    transfers.upload(outputDir.resolve(relative), dest.container(), blob, false);
                }
            } catch (BlobStorageException | UncheckedIOException e) {
                return failed(file, start, worker, FailureCode.UPLOAD, "the output could not be written to blob '" + blob
                        + "' in container '" + dest.container() + "': " + (e instanceof BlobStorageException b ? why(b)
                        : e.getMessage()));
            } finally {
                if (!localOutput) {
                    files.forEach(f -> deleteQuietly(outputDir.resolve(f)));
                }
            }
            String missing = localOutput && kept != null ? fetchKept(row) : null;
            if (missing != null) {
                return failed(file, start, worker, FailureCode.DOWNLOAD, missing);
            }
            List<OutputResult> named = row.outputs().stream().map(o -> o.toBuilder().blob(dest.blobName(o.path()))
                    .build()).toList();
            return row.toBuilder().error(null).failureCode(null).endTime(clock.instant())
                    .outputBlob(named.isEmpty() ? outputBlob : named.get(0).blob()).outputs(named).build();
        } finally {
            if (downloaded != null) {
                deleteQuietly(downloaded);
                deleteQuietly(downloaded.getParent());
            }
        }
    }

    /** Downloads the row's kept outputs into the output directory, as the ones made now are there; null or why not. */
    private String fetchKept(FileResult row) {
        for (OutputResult o : row.outputs()) {
            if (o.blob() == null) {
                continue;
            }
            try {
                kept.download(o, outputDir);
            } catch (BlobStorageException | UncheckedIOException e) {
                return "the output blob '" + o.blob() + "' (kept, SKIP_EXISTING) could not be downloaded to "
                        + outputDir + ": " + (e instanceof BlobStorageException b ? why(b) : e.getMessage());
            }
        }
        return null;
    }

    /**
     * The files to upload for a succeeded row, relative to the output directory: every output, and for an HLS
     * output every file of its folder (the master playlist, the variants' playlists and their segments).
     */
    private List<String> uploads(FileResult row) {
        if (row.outputs().isEmpty()) {
            return List.of(row.output());
        }
        List<String> files = new ArrayList<>();
        for (OutputResult o : row.outputs()) {
            if (o.blob() != null) {
                continue; // kept under SKIP_EXISTING: its blob stays as it is
            }
            int slash = o.path().lastIndexOf('/');
            String folder = slash < 0 ? "" : o.path().substring(0, slash);
            if (!folder.endsWith(".hls")) {
                files.add(o.path());
                continue;
            }
            try (Stream<Path> walk = Files.walk(outputDir.resolve(folder))) {
                walk.filter(Files::isRegularFile).sorted()
                        .forEach(f -> files.add(outputDir.relativize(f).toString().replace('\\', '/')));
            } catch (IOException e) {
                throw new UncheckedIOException("the HLS folder " + folder + " could not be read", e);
            }
        }
        return files;
    }

    /**
     * The input's outputs already in the destination, each naming its blob, when every one of them is there and not
     * empty; else null: SKIP_EXISTING then redoes the input.
     */
    private List<OutputResult> existing(BlobLocation dest, PlannedFile file) {
        List<OutputResult> found = new ArrayList<>();
        for (OutputFormat f : request.formats()) {
            boolean single = request.formats().size() == 1 && !f.isVideo();
            List<String> names = single ? List.of(file.output()) : OutputNames.fixedNames(file.stem(), List.of(f));
            for (String name : names) {
                String blob = dest.blobName(name);
                try {
                    long size = transfers.blob(dest.container(), blob).getProperties().getBlobSize();
                    if (size <= 0) {
                        return null;
                    }
                    found.add(OutputResult.builder().path(name).preset(f.key()).status(FileStatus.SUCCEEDED)
                            .bytes(size).blob(blob).build());
                } catch (BlobStorageException e) {
                    return null;
                }
            }
        }
        return found;
    }

    /** A failed row from the transcoder, its message saying which blob it was about. */
    private static FileResult named(FileResult row, BlobLocation source) {
        if (row.succeeded() || row.error() == null) {
            return row;
        }
        return io.github.batchtranscode.internal.blob.SourceRows.named(row, source).toBuilder().outputs(null).build();
    }

    private FileResult failed(PlannedFile file, Instant start, String worker, FailureCode code, String error) {
        return FileResult.builder().input(file.input()).status(FileStatus.FAILED).error(error).failureCode(code)
                .startTime(start).endTime(clock.instant()).taskId(file.taskId()).worker(worker)
                .inputBytes(file.inputBytes()).build();
    }

    private static String why(BlobStorageException e) {
        if (BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())) {
            return "it no longer exists (deleted after the listing?)";
        }
        if (e.getStatusCode() == 403) {
            return "HTTP 403 " + e.getErrorCode() + ": the storage credentials lack permission";
        }
        return "HTTP " + e.getStatusCode() + " " + e.getErrorCode() + " "
                + Redact.secrets(String.valueOf(e.getServiceMessage())).lines().findFirst().orElse("");
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the run's temporary directory is deleted at its end anyway
        }
    }
}
