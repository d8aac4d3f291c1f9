package io.github.batchtranscode.testkit.azurite;

/**
 * How {@link Azurite} gets an Azurite blob service to run.
 *
 * <pre>{@code
 * Azurite azurite = Azurite.builder().provisioning(Provisioning.NPM).start();
 * }</pre>
 */
public enum Provisioning {
    /** {@link #CONTAINER} when a Docker engine answers, otherwise {@link #NPM}. */
    AUTO,
    /** Testcontainers' Azurite container; needs a Docker engine and access to the image registry. */
    CONTAINER,
    /** The npm package {@code azurite}, installed on first use into a cache folder and run by a local Node.js. */
    NPM
}
