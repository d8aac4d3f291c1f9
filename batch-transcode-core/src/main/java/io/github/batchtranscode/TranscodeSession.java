package io.github.batchtranscode;

import io.github.batchtranscode.internal.engine.Backend;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.internal.engine.DefaultTranscodeJob;
import io.github.batchtranscode.internal.engine.ListenerDispatcher;
import io.github.batchtranscode.internal.engine.Schedulers;
import io.github.batchtranscode.internal.engine.TranscodePlan;
import io.github.batchtranscode.internal.ffmpeg.FfmpegLocator;
import io.github.batchtranscode.internal.local.LocalBackend;
import io.github.batchtranscode.internal.plan.Planner;
import io.github.batchtranscode.model.Phase;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The entry point: transcode a directory of media files in parallel, locally or on Azure Batch.
 *
 * <pre>{@code
 * try (TranscodeSession session = TranscodeSession.builder().parallelism(4).build()) {
 *     TranscodeReport report = session.transcode(TranscodeRequest.builder()
 *             .inputDirectory(Path.of("InputFiles"))
 *             .outputDirectory(Path.of("output"))
 *             .build());
 *     System.out.println(report.succeeded() + " succeeded, " + report.failed() + " failed");
 * }
 * }</pre>
 *
 * <p>A session is thread-safe and may run several jobs at once. {@link #close()} cancels jobs still running
 * and releases only what the session itself created.
 *
 * <h2>Time limits</h2>
 * Four settings bound time; each bounds one thing, and a combination that could never take effect fails at once.
 * <table>
 *   <caption>Time limits, from the widest</caption>
 *   <tr><th>setting</th><th>bounds</th><th>when it passes</th><th>default</th></tr>
 *   <tr><td>{@link AzureOptions.Builder#jobMaxRunTime(Duration)}</td><td>the Batch job, on the service</td>
 *       <td>the service terminates the job, even when this process is gone; unfinished files are
 *       {@code TIMEOUT} and the job fails with {@link TranscodeTimeoutException} ({@code limit()}
 *       {@code JOB_MAX_RUN_TIME}). Task SAS tokens expire 30 minutes after it (derived: no setting of its
 *       own)</td><td>1 h</td></tr>
 *   <tr><td>{@link Builder#runTimeout(Duration)}</td><td>one run, from {@code submit}</td>
 *       <td>the run is cancelled; unfinished files are {@code TIMEOUT} and the job fails with
 *       {@link TranscodeTimeoutException} ({@code limit()} {@code RUN_TIMEOUT})</td><td>none</td></tr>
 *   <tr><td>{@link io.github.batchtranscode.model.TranscodeRequest.Builder#fileTimeout(Duration)}</td>
 *       <td>one file's ffmpeg</td><td>ffmpeg is killed, that file is {@code TIMEOUT}, the others go on</td>
 *       <td>1 h</td></tr>
 *   <tr><td>{@link TranscodeJob#await(Duration)}</td><td>the caller's wait</td>
 *       <td>{@link AwaitTimeoutException}: the job goes on; nothing is cancelled</td><td>—</td></tr>
 * </table>
 * The nearest deadline wins: a file the run's {@code runTimeout} or the job's {@code jobMaxRunTime} stops is
 * {@code TIMEOUT} just as one its {@code fileTimeout} stops. One story: a limit on the whole run (the first two)
 * fails the job with {@link TranscodeTimeoutException}, whose report keeps every finished file; a limit on one file
 * fails only that file's row; a limit on your wait fails only the wait. The one combination refused is the one you set on
 * purpose and a default would silently cut short: a {@code runTimeout} above {@code jobMaxRunTime}
 * ({@link Builder#build()} throws {@link IllegalStateException} naming both).
 */
public final class TranscodeSession implements AutoCloseable {
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final Backend backend;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Duration runTimeout;
    private final AzureOptions azureOptions;
    private final Planner planner = new Planner();
    private final Set<TranscodeJob> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.CountDownLatch closeDone = new java.util.concurrent.CountDownLatch(1);

    private TranscodeSession(Builder b) {
        this.clock = b.clock;
        this.scheduler = b.scheduler != null ? b.scheduler : Schedulers.shared();
        this.runTimeout = b.runTimeout;
        this.azureOptions = b.azureOptions;
        this.backend = b.backendFactory != null ? b.backendFactory.get()
                : new LocalBackend(new FfmpegLocator().locate(b.ffmpeg), b.parallelism, b.clock, b.storage);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where this session transcodes: {@link io.github.batchtranscode.model.Backend#LOCAL} or {@code AZURE}. */
    public io.github.batchtranscode.model.Backend backend() {
        return backend.kind();
    }

    /**
     * Starts transcoding and returns at once. Never throws for problems of the run itself: a request that cannot
     * be planned (missing input directory, no matching file, unwritable output) gives a job whose
     * {@link TranscodeJob#completion()} has failed with a {@link ConfigurationException}.
     *
     * @throws IllegalStateException when the session is closed
     */
    public TranscodeJob submit(TranscodeRequest request) {
        return submit(request, TranscodeListener.none());
    }

    /** Like {@link #submit(TranscodeRequest)}, with a listener for the job's events. */
    public TranscodeJob submit(TranscodeRequest request, TranscodeListener listener) {
        Objects.requireNonNull(request, "request == null");
        Objects.requireNonNull(listener, "listener == null");
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        String runId = backend.name() + "-" + RUN_ID_TIME.format(clock.instant()) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        ListenerDispatcher events = new ListenerDispatcher(listener, runId, clock);
        TranscodePlan plan;
        Instant submitted = clock.instant();
        try {
            events.phase(Phase.PLANNING, "Finding input files in " + request.source(), submitted);
            plan = plan(request, runId);
            events.phase(Phase.PLANNING, "Found " + plan.files().size() + " file(s) to transcode to "
                    + (request.formats().size() == 1 && !request.formats().get(0).isVideo() ? "." + request.formats().get(0).extension()
                    : request.formats().stream().map(Object::toString).collect(java.util.stream.Collectors.joining(", "))),
                    clock.instant());
        } catch (TranscodeException e) {
            DefaultTranscodeJob failed = DefaultTranscodeJob.start(new NoBackend(backend.kind(), e),
                    new TranscodePlan(runId, request, List.of()), events, clock, scheduler, null, submitted);
            return failed;
        }
        DefaultTranscodeJob job = DefaultTranscodeJob.start(backend, plan, events, clock, scheduler, runTimeout,
                submitted);
        running.add(job);
        job.completion().whenComplete((report, error) -> running.remove(job));
        if (closed) {
            job.cancel(); // close() ran while this job was starting
        }
        return job;
    }

    private TranscodePlan plan(TranscodeRequest request, String runId) {
        if (request.inputBlobs() == null) {
            return planner.plan(request, runId);
        }
        io.github.batchtranscode.internal.blob.BlobAccess access = backend.blobAccess();
        if (access == null) {
            throw new ConfigurationException("the request reads blobs (" + request.inputBlobs() + ") but the session"
                    + " has no storage settings: set storage(...) on the session builder");
        }
        access.checkAccount(request.inputBlobs(), "input location");
        return planner.plan(request, runId, access.listing());
    }

    /**
     * Re-adopts an Azure Batch job that an earlier process submitted (running or finished), for example after that
     * process crashed: nothing is uploaded, added or run again; the job is monitored to its end and its report
     * produced as the submitting process would have, downloading outputs into {@code outputDirectory} when given.
     *
     * @param jobId           the job id (the report's {@code jobId})
     * @param outputDirectory where to download outputs, or {@code null} to leave them in the output container
     * @throws IllegalStateException  when the session is closed
     * @throws ConfigurationException when this session is not on the Azure backend, or the job does not exist
     */
    public TranscodeJob attach(String jobId, Path outputDirectory, TranscodeListener listener) {
        Objects.requireNonNull(jobId, "jobId == null");
        Objects.requireNonNull(listener, "listener == null");
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        if (!(backend instanceof io.github.batchtranscode.internal.azure.AzureBackend azure)) {
            throw new ConfigurationException("attach(" + jobId + ") needs the Azure backend; this session runs on "
                    + backend.name());
        }
        TranscodePlan plan = azure.attachPlan(jobId, outputDirectory);
        DefaultTranscodeJob job = DefaultTranscodeJob.start(azure.attached(jobId), plan,
                new ListenerDispatcher(listener, jobId, clock), clock, scheduler, runTimeout, null);
        running.add(job); // close() cancels an attached job like a submitted one
        job.completion().whenComplete((report, error) -> running.remove(job));
        if (closed) {
            job.cancel();
        }
        return job;
    }

    /** {@link #attach(String, Path, TranscodeListener)} without a listener. */
    public TranscodeJob attach(String jobId, Path outputDirectory) {
        return attach(jobId, outputDirectory, TranscodeListener.none());
    }

    /**
     * Transcodes and waits for the report.
     *
     * @throws TranscodeException as {@link TranscodeJob#await()} does
     */
    public TranscodeReport transcode(TranscodeRequest request) {
        return submit(request).await();
    }

    /**
     * Cancels every running job of this session, submitted or attached, and releases what the session created.
     * Returns once each job has stopped as {@link TranscodeJob#cancel()} describes (the jobs are cancelled in
     * parallel, so the wait is that of the slowest). Idempotent and thread-safe: a second call, from any thread,
     * returns when the first has finished.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            try {
                closeDone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        closed = true;
        try {
            List<Thread> cancels = new java.util.ArrayList<>();
            for (TranscodeJob job : List.copyOf(running)) { // through the job: it fails with TranscodeCancelledException
                Thread t = Schedulers.daemon("batch-transcode-close")
                        .newThread(job::cancel);
                t.start();
                cancels.add(t);
            }
            for (Thread t : cancels) {
                t.join();
            }
            backend.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            backend.close();
        } finally {
            closeDone.countDown();
        }
    }

    @Override
    public String toString() {
        return "TranscodeSession{backend=" + backend.name() + "}";
    }

    /** A backend that fails every plan with the planning error. */
    private record NoBackend(io.github.batchtranscode.model.Backend kind, TranscodeException error) implements Backend {
        @Override
        public io.github.batchtranscode.internal.engine.Execution start(TranscodePlan plan,
                io.github.batchtranscode.internal.engine.ExecutionSink sink) {
            throw error;
        }

        @Override
        public void close() {
        }
    }

    /** Builds a {@link TranscodeSession}. The local backend is the default. */
    public static final class Builder {
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private Path ffmpeg;
        private Clock clock = Clock.systemUTC();
        private ScheduledExecutorService scheduler;
        private Duration runTimeout;
        private AzureOptions azureOptions;
        private Supplier<Backend> backendFactory;
        private io.github.batchtranscode.model.StorageSettings storage;

        private Builder() {
        }

        /** Use the local backend (the default). */
        public Builder local() {
            this.backendFactory = null;
            this.azureOptions = null;
            return this;
        }

        /** How many ffmpeg processes the local backend runs at once (default: available processors). */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /**
         * The ffmpeg executable (or its directory, with ffprobe beside it). Unset: the {@code BATCH_TRANSCODE_FFMPEG}
         * environment variable, then the {@code PATH}, then a bundled {@code org.bytedeco:ffmpeg} on the classpath.
         */
        public Builder ffmpeg(Path ffmpeg) {
            this.ffmpeg = Objects.requireNonNull(ffmpeg, "ffmpeg == null");
            return this;
        }

        /**
         * The budget of each run, from {@code submit}: when it passes the run is cancelled, its unfinished files
         * are {@code FAILED} with {@code TIMEOUT} and the job fails with {@link TranscodeTimeoutException}. Unset
         * (the default), a local run has no limit and an Azure run is bounded by
         * {@link AzureOptions#jobMaxRunTime()} on the service. See "Time limits" on {@link TranscodeSession}.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder runTimeout(Duration runTimeout) {
            Objects.requireNonNull(runTimeout, "runTimeout == null");
            if (runTimeout.isZero() || runTimeout.isNegative()) {
                throw new IllegalArgumentException("runTimeout must be positive: " + runTimeout);
            }
            this.runTimeout = runTimeout;
            return this;
        }

        /**
         * How the local backend reaches Blob Storage for requests whose source or destination is a
         * {@link io.github.batchtranscode.model.BlobLocation}; unset, such requests fail with a
         * {@link ConfigurationException}. (The Azure backend uses its options' storage settings.)
         */
        public Builder storage(io.github.batchtranscode.model.StorageSettings storage) {
            this.storage = Objects.requireNonNull(storage, "storage == null");
            return this;
        }

        /**
         * The clock the session reads: report and event timestamps, elapsed time, throughput and ETA in progress
         * snapshots, run ids, the 200 ms progress throttle (a clock that stands still holds throttled snapshots
         * back until it moves), and on Azure the deadlines of a run's waits. Times the Azure services compare with
         * their own clocks (SAS start and expiry, token and blob timestamps) are read from the system clock whatever
         * this is. Default {@link Clock#systemUTC()}. Together with {@link #scheduler(ScheduledExecutorService)} it
         * lets a test drive a session's time by hand.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /**
         * Runs the session's timers: each job's {@link #runTimeout(Duration) runTimeout}, its once-a-second
         * progress heartbeat and {@link TranscodeJob#await(Duration)}'s deadline; on Azure also every wait of a run
         * (the pause between polls, retry backoffs, waits for a deletion, the wait for a cancelled job to be
         * terminated), each a timer that wakes the waiting thread. The tasks are short and never block; each job
         * cancels its own when it ends. The session never shuts this scheduler down: it belongs to the caller.
         * Default: one daemon timer thread shared by all sessions in the JVM. (The Azure SDKs' own retries of a
         * failed request keep their own timers.)
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
            return this;
        }

        /** Run on Azure Batch with these options instead of locally; replaces {@link #local()}. */
        public Builder azure(AzureOptions options) {
            Objects.requireNonNull(options, "options == null");
            this.backendFactory = () -> new io.github.batchtranscode.internal.azure.AzureBackend(options,
                    io.github.batchtranscode.internal.engine.SessionTime.of(clock,
                            scheduler != null ? scheduler : Schedulers.shared()));
            this.azureOptions = options;
            return this;
        }

        Builder backend(Supplier<Backend> factory) {
            this.backendFactory = factory;
            this.azureOptions = null;
            return this;
        }

        /**
         * @throws IllegalStateException  when {@code runTimeout} exceeds the Azure options' {@code jobMaxRunTime}
         *                                (the service would end the job first)
         * @throws ConfigurationException when ffmpeg cannot be found (local backend)
         */
        public TranscodeSession build() {
            if (azureOptions != null && runTimeout != null && runTimeout.compareTo(azureOptions.jobMaxRunTime()) > 0) {
                throw new IllegalStateException("runTimeout " + runTimeout + " exceeds AzureOptions.jobMaxRunTime "
                        + azureOptions.jobMaxRunTime() + ": the Batch service ends the job at jobMaxRunTime, so the run"
                        + " could never use the rest; lower runTimeout or raise AzureOptions.Builder.jobMaxRunTime");
            }
            return new TranscodeSession(this);
        }
    }
}
