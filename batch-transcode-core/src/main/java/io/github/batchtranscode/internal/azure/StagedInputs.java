package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.JobState;
import io.github.batchtranscode.internal.engine.Loggers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * The content-addressed inputs a job shares with other jobs, and the references that keep them alive.
 *
 * <p>Before it stages, a job writes one empty reference blob per distinct input ({@link JobLayout#referenceBlob});
 * its cleanup deletes its own references and then each input that no other <em>live</em> job references. A
 * reference counts as live unless its job has completed, or its job does not exist and the reference is older
 * than {@link #STALE_AFTER} (a job that crashed before it was created). Other jobs' references are never deleted
 * (a {@code keepAll} run keeps them). One listing of the reference prefix
 * answers for every input, so cleanup costs a few requests, not one per file. A job that referenced an input
 * between that listing and the delete is caught by a second listing (a reference the first did not see): the
 * input is then uploaded again from the local file, so a run staging at the same moment still finds it.
 */
final class StagedInputs {
    private static final Logger LOG = Loggers.AZURE;
    /** How old a reference of a job that does not exist must be before cleanup disregards it. */
    static final Duration STALE_AFTER = Duration.ofDays(1);

    /** One staged input: its content's MD5 (hex), its blob, and the local file it came from (null if unknown). */
    record Input(String md5, String blob, Path local) {
    }

    private final BlobStore blobs;
    private final BatchGateway batch;
    private final JobLayout layout;

    StagedInputs(BlobStore blobs, BatchGateway batch, JobLayout layout) {
        this.blobs = blobs;
        this.batch = batch;
        this.layout = layout;
    }

    /** Writes this job's reference to each input, before any of them is uploaded or looked for. */
    void reference(List<Input> inputs, Transfers transfers) {
        transfers.all(distinct(inputs), md5 -> {
            blobs.uploadText(layout.inputContainer(), layout.referenceBlob(md5), "");
            return null;
        });
    }

    /**
     * Deletes this job's references and every input of {@code inputs} that no other live job references.
     *
     * @return how many input blobs were deleted
     */
    int release(List<Input> inputs, Transfers transfers) {
        String container = layout.inputContainer();
        transfers.all(distinct(inputs), md5 -> blobs.deleteBlob(container, layout.referenceBlob(md5)));
        Map<String, List<BlobStore.Listed>> refs = references();
        Map<String, Boolean> live = new ConcurrentHashMap<>();
        List<Input> unused = new ArrayList<>();
        for (Input in : inputs) {
            boolean needed = refs.getOrDefault(in.md5(), List.of()).stream()
                    .anyMatch(r -> live.computeIfAbsent(jobOf(r.name()), job -> isLive(job, r.lastModified())));
            if (needed) {
                LOG.debug("input {} is still referenced by another job; kept", in.blob());
            } else {
                unused.add(in);
            }
        }
        transfers.all(unused, in -> blobs.deleteBlob(container, in.blob()));
        Map<String, List<BlobStore.Listed>> after = references();
        List<Input> restore = unused.stream().filter(in -> in.local() != null && Files.isReadable(in.local())
                && after.getOrDefault(in.md5(), List.of()).stream().anyMatch(r -> !names(refs, in.md5()).contains(r.name())))
                .toList();
        transfers.all(restore, in -> {
            LOG.info("input {} was referenced by another job while it was deleted; uploading it again", in.blob());
            return blobs.upload(container, in.blob(), in.local());
        });
        return unused.size() - restore.size();
    }

    /** Every reference in the container, by the MD5 it refers to. */
    private Map<String, List<BlobStore.Listed>> references() {
        Map<String, List<BlobStore.Listed>> byMd5 = new HashMap<>();
        for (BlobStore.Listed r : blobs.list(layout.inputContainer(), JobLayout.REFS)) {
            String rest = r.name().substring(JobLayout.REFS.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                byMd5.computeIfAbsent(rest.substring(0, slash), k -> new ArrayList<>()).add(r);
            }
        }
        return byMd5;
    }

    private static java.util.Set<String> names(Map<String, List<BlobStore.Listed>> refs, String md5) {
        java.util.Set<String> names = new java.util.HashSet<>();
        refs.getOrDefault(md5, List.of()).forEach(r -> names.add(r.name()));
        return names;
    }

    private static String jobOf(String referenceName) {
        return referenceName.substring(referenceName.lastIndexOf('/') + 1);
    }

    private boolean isLive(String jobId, OffsetDateTime referenced) {
        if (jobId.equals(layout.jobId())) {
            return false;
        }
        Optional<CloudJob> job = batch.job(jobId);
        if (job.isPresent()) {
            return job.get().state() != JobState.COMPLETED && job.get().state() != JobState.DELETING;
        }
        // the reference's time is the storage service's: compared with the wall clock, never a session's test clock
        return referenced == null || referenced.isAfter(BlobStore.serviceNow().minus(STALE_AFTER));
    }

    private static List<String> distinct(List<Input> inputs) {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        inputs.forEach(i -> seen.put(i.md5(), Boolean.TRUE));
        return new ArrayList<>(seen.keySet());
    }
}
