package io.github.batchtranscode.testkit.azurite;

import io.github.batchtranscode.testkit.ServiceStartException;

/**
 * Thrown when Azurite cannot be provisioned on this machine at all: no usable Docker engine and no usable
 * Node.js (or the one that was asked for is missing). The message says what was looked for and how to
 * provide it. {@link AzuriteExtension} turns it into a skipped test locally and a failure on CI.
 */
public final class AzuriteUnavailableException extends ServiceStartException {
    private static final long serialVersionUID = 1L;

    public AzuriteUnavailableException(String message) {
        super(message);
    }
}
