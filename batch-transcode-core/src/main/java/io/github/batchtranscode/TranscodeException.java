package io.github.batchtranscode;

/**
 * Root of every exception this library throws.
 *
 * <pre>{@code
 * try {
 *     TranscodeReport report = session.transcode(request);
 *     report.failedFiles().forEach(f -> System.err.println(f.input() + ": " + f.error()));
 * } catch (ConfigurationException e) {
 *     System.err.println("fix the setting, then run again: " + e.getMessage());
 * } catch (TranscodeTimeoutException | TranscodeCancelledException e) {
 *     System.err.println(e.getMessage());          // the final report is on the exception
 * } catch (TranscodeException e) {
 *     System.err.println("the run failed: " + e.getMessage());
 * }
 * }</pre>
 *
 * <p>A file that fails to transcode is <em>not</em> an exception: it is a {@code FAILED} row in the
 * {@link io.github.batchtranscode.model.TranscodeReport}. Exceptions are for runs that could not start
 * or could not finish. Subclasses are split by what a caller would do differently:
 * <ul>
 *   <li>{@link ConfigurationException}: fix a setting or an argument, then try again;</li>
 *   <li>{@link StagingException}: storage could not be reached or written;</li>
 *   <li>{@link PoolStartException}: the compute pool never became usable;</li>
 *   <li>{@link TranscodeTimeoutException}: the run's {@code runTimeout} passed and the run was cancelled; carries
 *       the report;</li>
 *   <li>{@link TranscodeCancelledException}: {@code cancel()} was called; carries the report;</li>
 *   <li>{@link AwaitTimeoutException} and {@link TranscodeInterruptedException}: only the <em>waiting</em> ended
 *       ({@code await}'s deadline, an interrupt); the job goes on; they carry the report so far;</li>
 *   <li>{@link BackendException}: the backend service failed in a way retries did not cure; carries the
 *       service's HTTP status, error code and request id.</li>
 * </ul>
 * Messages name the file, task, pool or setting concerned and never contain an account key or a SAS signature.
 */
public abstract class TranscodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected TranscodeException(String message) {
        super(message);
    }

    protected TranscodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
