package io.github.batchtranscode.examples.bench;

import io.github.batchtranscode.TranscodeCancelledException;
import io.github.batchtranscode.TranscodeJob;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.TranscodeRequest;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A control-plane run (B3–B5): tiny inputs, simulated tasks, output verification off (the issue allows it there
 * and nowhere else), no output directory. The inputs stay in their container, so later runs skip them by MD5.
 */
final class ControlPlane implements AutoCloseable {
    static final String INPUT_CONTAINER = "bench-tasks-in";
    static final String OUTPUT_CONTAINER = "bench-tasks-out";

    private final TranscodeSession session;
    private final TranscodeJob job;
    private final PhaseRecorder phases;

    private ControlPlane(TranscodeSession session, TranscodeJob job, PhaseRecorder phases) {
        this.session = session;
        this.job = job;
        this.phases = phases;
    }

    static TranscodeRequest request(Path inputs) {
        return TranscodeRequest.builder().inputDirectory(inputs).formats(OutputFormat.of(Preset.MP3)).verifyOutputs(false).build();
    }

    static ControlPlane submit(AzureOptions options, Path inputs) {
        PhaseRecorder phases = new PhaseRecorder().markCpu(FanOutBench.ADDING)
                .markCpu(PhaseRecorder.phase(io.github.batchtranscode.model.Phase.RUNNING));
        TranscodeSession session = TranscodeSession.builder().azure(options).build();
        try {
            return new ControlPlane(session, session.submit(request(inputs), phases), phases);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    TranscodeJob job() {
        return job;
    }

    PhaseRecorder phases() {
        return phases;
    }

    /** Waits until the tasks are added and monitoring began. */
    void awaitRunning() throws InterruptedException {
        if (!phases.awaitRunning(Duration.ofMinutes(20))) {
            throw new IllegalStateException("the job did not reach RUNNING within 20 minutes: " + phases.events());
        }
    }

    /** Cancels the job (it is terminated) and waits until the run has ended. */
    void cancelAndWait() {
        job.cancel();
        try {
            job.await(Duration.ofMinutes(5));
        } catch (TranscodeCancelledException expected) {
            // what cancel() leads to
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
