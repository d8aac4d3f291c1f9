package io.github.batchtranscode.internal.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.microsoft.rest.credentials.ServiceClientCredentials;
import okhttp3.OkHttpClient;

/**
 * Lets the track-1 Batch client authenticate with a Microsoft Entra ID {@link TokenCredential}: every request
 * gets {@code Authorization: Bearer <token>} for scope {@code https://batch.core.windows.net/.default}. Tokens are
 * cached until five minutes before they expire. No shared key is ever sent on this path.
 */
final class TokenCredentials implements ServiceClientCredentials {
    static final String BATCH_SCOPE = "https://batch.core.windows.net/.default";
    private final TokenCredential credential;
    private AccessToken token;

    TokenCredentials(TokenCredential credential) {
        this.credential = credential;
    }

    @Override
    public void applyCredentialsFilter(OkHttpClient.Builder builder) {
        builder.addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                .header("Authorization", "Bearer " + token()).build()));
    }

    synchronized String token() {
        // the token's expiry is the identity provider's wall-clock time: compared with the system clock on purpose
        if (token == null || token.getExpiresAt().isBefore(BlobStore.serviceNow().plusMinutes(5))) {
            token = credential.getTokenSync(new TokenRequestContext().addScopes(BATCH_SCOPE));
            if (token == null) {
                throw new io.github.batchtranscode.ConfigurationException("the Batch token credential returned no token"
                        + " for scope " + BATCH_SCOPE + ": check the identity's access to the Batch account");
            }
        }
        return token.getToken();
    }

    @Override
    public String toString() {
        return "TokenCredentials{scope=" + BATCH_SCOPE + "}";
    }
}
