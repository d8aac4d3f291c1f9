package io.github.batchtranscode.testkit.azurite;

import io.github.batchtranscode.testkit.ServiceStartException;

/**
 * Thrown when the means to run Azurite exist but starting it failed: the npm install failed, the process
 * exited, it did not answer before the deadline, or the container did not start. The message names the log
 * file that holds the child process's output, when there is one.
 */
public final class AzuriteStartException extends ServiceStartException {
    private static final long serialVersionUID = 1L;

    public AzuriteStartException(String message) {
        super(message);
    }

    public AzuriteStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
