package io.github.batchtranscode.testkit.azurite;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * A {@link TokenCredential} for Azurite's {@code --oauth basic} mode, standing in for Microsoft Entra ID in
 * tests: it issues JWTs with the claims Azurite checks (an {@code sts.windows.net} issuer, the storage audience,
 * a lifetime of an hour) and counts how often it was asked. Azurite does not check the signature, so the token
 * carries none that Entra ID would accept; it is useless against a real account.
 *
 * <pre>{@code
 * AzuriteTokens tokens = new AzuriteTokens();
 * BlobServiceClient blobs = new BlobServiceClientBuilder().endpoint(azurite.blobEndpoint()).credential(tokens)...;
 * }</pre>
 */
public final class AzuriteTokens implements TokenCredential {
    private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private final AtomicInteger issued = new AtomicInteger();

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.fromSupplier(this::token);
    }

    /** How many tokens were issued. */
    public int issued() {
        return issued.get();
    }

    private AccessToken token() {
        issued.incrementAndGet();
        long now = OffsetDateTime.now().toEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"aud\":\"https://storage.azure.com\",\"iss\":\"https://sts.windows.net/" + TENANT + "/\","
                + "\"iat\":" + (now - 60) + ",\"nbf\":" + (now - 60) + ",\"exp\":" + (now + 3600) + ","
                + "\"oid\":\"00000000-0000-0000-0000-0000000000aa\",\"tid\":\"" + TENANT + "\"}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String jwt = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("unsigned-test-token".getBytes(StandardCharsets.UTF_8));
        return new AccessToken(jwt, OffsetDateTime.now().plusHours(1));
    }

    @Override
    public String toString() {
        return "AzuriteTokens{issued=" + issued.get() + "}";
    }
}
