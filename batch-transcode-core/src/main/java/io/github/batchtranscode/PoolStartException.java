package io.github.batchtranscode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The compute pool could not start: the start task failed on every node, the nodes are unusable, or the pool
 * could not allocate nodes (quota, VM size). {@link #poolId()}, {@link #nodeErrors()} and {@link #resizeErrors()}
 * carry the details; the message says the same in words and what to do.
 *
 * <pre>{@code
 * try {
 *     session.transcode(request);
 * } catch (PoolStartException e) {
 *     e.resizeErrors().forEach(r -> System.err.println("resize: " + r.code() + " " + r.message()));
 *     e.nodeErrors().forEach(n -> System.err.println(n.nodeId() + " exit " + n.exitCode() + ": " + n.stderr()));
 * }
 * }</pre>
 */
public class PoolStartException extends TranscodeException {
    private static final long serialVersionUID = 1L;
    private final String poolId;
    private final transient List<NodeError> nodeErrors;
    private final transient List<ResizeError> resizeErrors;

    public PoolStartException(String message) {
        this(message, null, List.of(), List.of());
    }

    public PoolStartException(String message, Throwable cause) {
        super(message, cause);
        this.poolId = null;
        this.nodeErrors = List.of();
        this.resizeErrors = List.of();
    }

    /**
     * @param poolId       the pool that did not start, or null
     * @param nodeErrors   the nodes that cannot run tasks and why
     * @param resizeErrors the pool's resize errors
     */
    public PoolStartException(String message, String poolId, List<NodeError> nodeErrors,
            List<ResizeError> resizeErrors) {
        super(message);
        this.poolId = poolId;
        this.nodeErrors = List.copyOf(Objects.requireNonNull(nodeErrors, "nodeErrors == null"));
        this.resizeErrors = List.copyOf(Objects.requireNonNull(resizeErrors, "resizeErrors == null"));
    }

    /** The pool that did not start. */
    public Optional<String> poolId() {
        return Optional.ofNullable(poolId);
    }

    /** The nodes that cannot run tasks, each with why; empty when the pool got no node at all. */
    public List<NodeError> nodeErrors() {
        return nodeErrors == null ? List.of() : nodeErrors;
    }

    /** The pool's resize errors (e.g. {@code AccountCoreQuotaReached}); empty when nodes were allocated. */
    public List<ResizeError> resizeErrors() {
        return resizeErrors == null ? List.of() : resizeErrors;
    }

    /**
     * Why one node cannot run tasks.
     *
     * @param nodeId   the compute node's id
     * @param state    its state as the service reports it ({@code starttaskfailed}, {@code unusable})
     * @param exitCode the start task's exit code, or null when it did not exit
     * @param failure  the start task's failure message from the service, or null
     * @param stderr   the last meaningful lines of the start task's stderr (secrets redacted), or empty
     */
    public record NodeError(String nodeId, String state, Integer exitCode, String failure, String stderr) {
        public NodeError {
            Objects.requireNonNull(nodeId, "nodeId == null");
            stderr = stderr == null ? "" : stderr;
        }
    }

    /**
     * One resize error of the pool.
     *
     * @param code    the service's code, e.g. {@code AccountCoreQuotaReached}
     * @param message the service's message, or null
     */
    public record ResizeError(String code, String message) {
    }
}
