package io.github.batchtranscode.testkit;

/**
 * Thrown by the testkit's services ({@code Azurite}, {@code BatchEmulator}, {@code FaultyProxy}) when {@code start()}
 * fails: no port could be bound, a child process did not come up, or the service did not answer before its
 * deadline. The message names what failed and, where there is one, the log to read.
 */
public class ServiceStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServiceStartException(String message) {
        super(message);
    }

    public ServiceStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
