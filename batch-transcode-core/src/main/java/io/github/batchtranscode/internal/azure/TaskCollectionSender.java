package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.BatchServiceClient;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.azure.batch.protocol.models.TaskAddCollectionResult;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.http.Body;
import retrofit2.http.Header;
import retrofit2.http.Headers;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * Sends a {@code Task_AddCollection} body that is already JSON ({@link TaskChunk#body()}) through the SDK client's
 * own Retrofit and OkHttp stack, so the request is the one the SDK's {@code Tasks.addCollection} sends: the same
 * interceptors (shared key signing or the bearer token, {@code ocp-date}, {@code client-request-id},
 * {@code api-version}, {@code User-Agent}, the runtime's retry handler) and the same declared headers, only
 * without the SDK validating and serializing the tasks by reflection. A 200 answer is read with a plain mapper; any
 * other answer goes through the SDK's response builder, which throws the {@link BatchErrorException} the SDK
 * would have thrown.
 */
final class TaskCollectionSender {
    static final String CONTENT_TYPE = "application/json; odata=minimalmetadata; charset=utf-8";
    private static final MediaType JSON = MediaType.get(CONTENT_TYPE);

    /** The SDK's {@code TasksService.addCollection} declaration (azure-batch 11.2.0), with a body already written. */
    interface Service {
        @Headers({"Content-Type: " + CONTENT_TYPE,
                "x-ms-logging-context: com.microsoft.azure.batch.protocol.Tasks addCollection"})
        @POST("jobs/{jobId}/addtaskcollection")
        Call<ResponseBody> addCollection(@Path("jobId") String jobId, @Query("api-version") String apiVersion,
                @Header("accept-language") String acceptLanguage, @Body RequestBody body,
                @Header("x-ms-parameterized-host") String parameterizedHost, @Header("User-Agent") String userAgent);
    }

    private final BatchServiceClient protocol;
    private final Service service;

    TaskCollectionSender(BatchServiceClient protocol) {
        this.protocol = protocol;
        this.service = protocol.restClient().retrofit().create(Service.class);
    }

    /**
     * One request.
     *
     * @throws BatchErrorException on any answer but 200, as the SDK throws it
     * @throws IOException         when the connection failed (after the runtime's own retries)
     */
    TaskAddCollectionResult send(String jobId, byte[] body) throws IOException {
        Response<ResponseBody> response = service.addCollection(jobId, protocol.apiVersion(),
                protocol.acceptLanguage(), RequestBody.create(body, JSON), "{batchUrl}, " + protocol.batchUrl(),
                protocol.userAgent()).execute();
        if (response.code() == 200) {
            try (ResponseBody answer = response.body()) {
                byte[] bytes = answer == null ? new byte[0] : answer.bytes();
                // no results at all: every task counts as unanswered and is sent again (TaskExists makes that safe)
                return bytes.length == 0 ? new TaskAddCollectionResult() : TaskJson.result(bytes);
            }
        }
        return protocol.restClient().responseBuilderFactory()
                .<TaskAddCollectionResult, BatchErrorException>newInstance(protocol.restClient().serializerAdapter())
                .register(200, TaskAddCollectionResult.class)
                .registerError(BatchErrorException.class)
                .build(response).body();
    }
}
