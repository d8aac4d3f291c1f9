package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.StagingException;
import io.github.batchtranscode.internal.blob.BlobAccess;
import io.github.batchtranscode.internal.engine.Loggers;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.model.Phase;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The staging step of a run: checksums the inputs, uploads what the tasks read (content-addressed inputs, the
 * node script and argument files) and hands out the URLs the tasks read their inputs from. Source blobs are not
 * staged: tasks read them where they are.
 */
final class RunStaging {
    private static final Logger LOG = Loggers.AZURE;

    private final RunContext run;
    private final StagedInputs staged;

    RunStaging(RunContext run) {
        this.run = run;
        this.staged = new StagedInputs(run.blobs, run.batch, run.layout);
    }

    /**
     * Reads every input once for its MD5, which names its staged blob and its output; a source blob is not read:
     * its listed version (Content-MD5 or ETag) stands for the MD5.
     */
    void hashInputs(Transfers transfers) {
        List<PlannedFile> files = run.plan.files();
        if (run.source != null) {
            files.forEach(f -> run.md5s.put(f.taskId(), JobLayout.sourceVersion(f.version())));
            return;
        }
        run.sink.phase(Phase.STAGING, "Checksumming " + files.size() + " input file(s)...");
        transfers.all(files, f -> {
            if (!run.cancelled) {
                try {
                    run.md5s.put(f.taskId(), HexFormat.of().formatHex(BlobStore.md5(f.inputPath())));
                } catch (IOException e) {
                    throw new StagingException("input " + f.inputPath() + " could not be read: " + e.getMessage()
                            + "; check that the file exists and is readable", e);
                }
            }
            return null;
        });
    }

    /** Stages the inputs of {@code todo} and the job's files; where each task reads its input from. */
    TaskInputs stage(List<PlannedFile> todo, Transfers transfers, OffsetDateTime expiry) {
        String in = run.options.inputContainer();
        run.sink.phase(Phase.STAGING, "Creating container [" + in + "]...");
        run.blobs.ensureContainer(in, m -> run.sink.phase(Phase.STAGING, m));
        run.sink.phase(Phase.STAGING, "Creating container [" + run.options.outputContainer() + "]...");
        run.blobs.ensureContainer(run.options.outputContainer());
        if (run.destination != null) {
            run.sink.phase(Phase.STAGING, "Checking that output location [" + run.destination + "] can be written...");
            new BlobAccess(run.blobs.service()).checkWritable(run.destination);
        }
        if (run.source != null) {
            return inPlace(todo, expiry);
        }
        run.blobs.ensureContainer(run.options.outputContainer(), m -> run.sink.phase(Phase.STAGING, m));
        List<StagedInputs.Input> inputs = todo.stream().map(f -> new StagedInputs.Input(run.md5s.get(f.taskId()),
                run.inputBlob(f), f.inputPath())).toList();
        run.stagedInputs.addAll(inputs); // referenced from here on: cleanup releases them even if staging fails
        staged.reference(inputs, transfers); // before looking: a concurrent cleanup then keeps what this run needs
        BlobIndex existing = run.blobs.index(in, todo.size());
        List<Long> sizes = transfers.all(todo, f -> {
            if (run.cancelled) {
                return 0L; // queued uploads of a cancelled run are skipped
            }
            long bytes = run.blobs.upload(in, run.inputBlob(f), f.inputPath(), existing,
                    HexFormat.of().parseHex(run.md5s.get(f.taskId())));
            run.sink.detail(Phase.STAGING, bytes > 0 ? "Uploading file " + f.input() + " to container [" + in + "]..."
                    : "File " + f.input() + " is already in container [" + in
                    + "] (same size and MD5); not uploaded again");
            return bytes;
        });
        if (run.cancelled) {
            return TaskInputs.none();
        }
        long total = sizes.stream().mapToLong(Long::longValue).sum();
        LOG.info("staged {} file(s), {} bytes uploaded", todo.size(), total);
        if (run.nodePlan != null) {
            uploadNodePlan();
        } else if (run.video != null) {
            uploadVideoFiles(todo, transfers);
        } else {
            uploadJobFiles();
        }
        return TaskInputs.of(new TaskUrls(run.blobs, run.options.nodeIdentity(), expiry), in, run::inputBlob,
                todo.get(0));
    }

    /** Task URLs of source blobs read where they are: a read-only SAS each, or plain URLs for the node identity. */
    private TaskInputs inPlace(List<PlannedFile> todo, OffsetDateTime expiry) {
        run.sink.phase(Phase.STAGING, "Tasks read " + todo.size() + " source blob(s) in container ["
                + run.source.container() + "] directly; nothing is uploaded");
        if (run.nodePlan != null) {
            uploadNodePlan();
        } else {
            uploadJobFiles();
        }
        return TaskInputs.of(new TaskUrls(run.blobs, run.options.nodeIdentity(), expiry), run.source.container(),
                PlannedFile::input, todo.get(0));
    }

    /** The video script and each task's argument files (one per preset). */
    private void uploadVideoFiles(List<PlannedFile> todo, Transfers transfers) {
        run.blobs.uploadText(run.options.inputContainer(), run.layout.scriptBlob(), NodeScript.videoScript());
        transfers.all(todo, f -> {
            for (VideoTasks.Unit unit : run.videoPlans.get(f.taskId()).units()) {
                for (Map.Entry<String, String> a : unit.args().entrySet()) {
                    String blob = run.videoArgsBlob(unit.taskId(), a.getKey());
                    run.videoArgBlobs.add(blob);
                    run.blobs.uploadText(run.options.inputContainer(), blob, a.getValue());
                }
            }
            return null;
        });
    }

    /** The node-planned script, plan and candidate argument files: the same for every task of the job. */
    private void uploadNodePlan() {
        String in = run.options.inputContainer();
        run.blobs.uploadText(in, run.layout.scriptBlob(), NodeScript.plannedScript());
        run.blobs.uploadText(in, run.layout.jobPrefix() + NodePlan.PLAN_FILE,
                run.nodePlan.planText(run.plan.request().verifyOutputs()));
        run.nodePlan.argumentFiles().forEach((name, text) -> run.blobs.uploadText(in, run.layout.jobPrefix() + name,
                text));
    }

    private void uploadJobFiles() {
        run.blobs.uploadText(run.options.inputContainer(), run.layout.scriptBlob(),
                NodeScript.script(run.plan.request().verifyOutputs()));
        run.blobs.uploadText(run.options.inputContainer(), run.layout.argsBlob(),
                NodeScript.arguments(run.plan.request().formats().get(0)));
    }

    /** Deletes each staged input no other live job references; how many were deleted. */
    int release(Transfers transfers) {
        return staged.release(List.copyOf(run.stagedInputs), transfers);
    }
}
