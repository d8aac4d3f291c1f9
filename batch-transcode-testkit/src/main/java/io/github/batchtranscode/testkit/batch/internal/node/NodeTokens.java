package io.github.batchtranscode.testkit.batch.internal.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.batchtranscode.testkit.batch.internal.service.BatchJson;
import io.github.batchtranscode.testkit.batch.internal.service.PoolIdentities;
import java.util.function.Supplier;

/**
 * The bearer tokens a node gets for a ResourceFile's or OutputFile's {@code identityReference}: those of its pool's
 * user-assigned identities only. A reference to an identity the pool does not have fails the transfer, naming the
 * identity and the pool (the node cannot get a token for it). Thread-safe.
 */
final class NodeTokens {
    private final PoolIdentities identities;
    private final String poolId;

    NodeTokens(PoolIdentities identities, String poolId) {
        this.identities = identities;
        this.poolId = poolId;
    }

    /**
     * The token for {@code identityReference}, or null when there is none (the URL carries its own SAS, or is public).
     *
     * @param failureCode the Batch failure code when the pool has no such identity (a download's or an upload's)
     * @throws BlobTransfer.TransferException when the pool has no such identity, or its token source fails
     */
    String token(JsonNode identityReference, String failureCode) throws BlobTransfer.TransferException {
        String resourceId = BatchJson.text(identityReference, "resourceId");
        if (resourceId == null) {
            return null;
        }
        Supplier<String> tokens = identities.tokens(poolId, resourceId);
        if (tokens == null) {
            throw new BlobTransfer.TransferException(failureCode, "The identity reference " + resourceId
                    + " is not a user-assigned identity of pool " + poolId + " (the pool has "
                    + (identities.of(poolId).isEmpty() ? "none" : String.join(", ", identities.of(poolId))) + ")");
        }
        String token;
        try {
            token = tokens.get();
        } catch (RuntimeException e) {
            throw new BlobTransfer.TransferException(failureCode, "No token could be had for identity " + resourceId
                    + ": " + e.getClass().getSimpleName());
        }
        if (token == null || token.isBlank()) {
            throw new BlobTransfer.TransferException(failureCode, "No token could be had for identity " + resourceId);
        }
        return token;
    }
}
