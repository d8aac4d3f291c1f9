package io.github.batchtranscode.testkit.azurite;

/** A running Azurite blob service, however it was provisioned. */
interface AzuriteServer extends AutoCloseable {
    /** The host the blob service answers on, as a client should dial it. */
    String host();

    /** The port the blob service answers on. */
    int port();

    /** How it was provisioned: {@link Provisioning#CONTAINER} or {@link Provisioning#NPM}. */
    Provisioning provisioning();

    /** Stops the service and releases what was created for it; idempotent. */
    @Override
    void close();
}
