package io.github.batchtranscode.testkit.batch.internal.wire;

import io.github.batchtranscode.testkit.batch.BatchFaults;
import io.github.batchtranscode.testkit.batch.OperationStats;
import io.github.batchtranscode.testkit.batch.internal.service.ApiVersions;
import io.github.batchtranscode.testkit.batch.internal.service.BatchJson;
import io.github.batchtranscode.testkit.batch.internal.service.BatchServiceException;
import io.github.batchtranscode.testkit.batch.internal.service.Conditions;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorConfig;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorState;
import io.github.batchtranscode.testkit.batch.internal.service.Times;
import io.github.batchtranscode.testkit.internal.TestkitLoggers;
import io.github.batchtranscode.testkit.internal.http.HttpHandler;
import io.github.batchtranscode.testkit.internal.http.HttpRequest;
import io.github.batchtranscode.testkit.internal.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * The emulator's front door: stats endpoint, routing, injected faults, authentication (with the request date's
 * freshness), conditional headers, error bodies, links built from the request's {@code Host}, the headers every
 * answer carries ({@code request-id}, {@code client-request-id}, {@code DataServiceVersion}, {@code Date}) and the
 * request counters.
 */
public final class BatchHttpHandler implements HttpHandler {
    private static final Logger LOG = TestkitLoggers.EMULATOR_REQUESTS;

    private final EmulatorState state;
    private final EmulatorConfig config;
    private final BatchRouter router;
    private final StatsRecorder stats;
    private final ApiVersions apiVersions;

    public BatchHttpHandler(EmulatorState state, EmulatorConfig config, BatchRouter router, StatsRecorder stats) {
        this.state = state;
        this.config = config;
        this.router = router;
        this.stats = stats;
        this.apiVersions = new ApiVersions(config.enforceApiVersionRetirement());
    }

    @Override
    public HttpResponse handle(HttpRequest request) throws Exception {
        if (config.statsEndpoint() && request.rawPath().equals("/_emulator/stats")
                && request.method().equals("GET") && request.remoteAddress().isLoopbackAddress()) {
            return statsResponse();
        }
        String requestId = UUID.randomUUID().toString();
        stats.recordAuthorization(request.header("Authorization"));
        stats.recordApiVersion(request.queryParameters().get("api-version"));
        List<String> segments = BatchRouter.segments(request);
        BatchRouter.Route route = router.route(request.method(), segments);
        String operation = route == null ? "Unknown" : route.operation();
        boolean head = request.method().equals("HEAD");
        BatchFaults faults = config.faults();
        if (!faults.latency().isZero()) {
            Thread.sleep(faults.latency().toMillis());
        }
        if (FaultDraws.reset(faults)) {
            stats.record(operation, 0, 0);
            return HttpResponse.resetConnection();
        }
        HttpResponse response;
        state.requestBaseUrl(RequestLinks.baseUrl(request, state.configuredBaseUrl()));
        try {
            response = serve(request, route, segments, faults, operation);
        } catch (BatchServiceException e) {
            response = Replies.error(e, state.baseUrl(), requestId, head);
            if (e.status() == 429 || e.status() == 503) {
                response.header("Retry-After", "1");
            }
        } finally {
            state.requestBaseUrl(null);
        }
        if (response.status() < 400 && FaultDraws.lostResponse(faults, operation)) {
            stats.record(operation, 0, 0);
            LOG.debug("{} {} served, answer dropped {}", request.method(), request.rawPath(), operation);
            return HttpResponse.resetConnection();
        }
        response.header("request-id", requestId);
        String clientRequestId = request.header("client-request-id");
        if (clientRequestId != null) {
            response.header("client-request-id", clientRequestId);
        }
        response.header("DataServiceVersion", "3.0");
        response.header("Date", Times.rfc1123(Instant.now()));
        stats.record(operation, response.status(), head ? 0 : response.body().length);
        LOG.debug("{} {} -> {} {}", request.method(), request.rawPath(), response.status(), operation);
        return response;
    }

    private HttpResponse serve(HttpRequest request, BatchRouter.Route route, List<String> segments,
                               BatchFaults faults, String operation) {
        int injected = FaultDraws.error(faults, operation);
        if (injected != 0) {
            throw injectedError(injected); // a throttled or failing front end answers before authenticating
        }
        authenticate(request);
        if (route == null) {
            BatchServiceException unemulated = UnemulatedOperations.refusal(request.method(), segments);
            throw unemulated != null ? unemulated
                    : BatchServiceException.of(404, "ResourceNotFound", "The specified resource does not exist.");
        }
        Map<String, String> query = request.queryParameters();
        if (!query.containsKey("api-version")) {
            throw BatchServiceException.badRequest("MissingRequiredQueryParameter",
                    "A query parameter that's mandatory for this request is not specified.",
                    "QueryParameterName", "api-version");
        }
        apiVersions.check(query.get("api-version"));
        BatchRequest routed = new BatchRequest(request, operation, segments, query);
        if (!Conditions.present(request)) {
            return route.action().apply(routed);
        }
        synchronized (state) { // the condition holds while the operation runs
            HttpResponse unchanged = Conditions.check(request, Conditions.entity(state, segments));
            return unchanged != null ? unchanged : route.action().apply(routed);
        }
    }

    private void authenticate(HttpRequest request) {
        String auth = request.header("Authorization");
        if (auth != null && auth.startsWith("Bearer ") && config.bearerTokens() != null) {
            if (config.bearerTokens().test(auth.substring(7).trim())) {
                return;
            }
            // the service's wording for a refused token, its reason in the detail (Azure/azure-sdk-for-net#8026)
            throw authFailed("Server failed to authenticate the request. Make sure the value of Authorization "
                    + "header is formed correctly.", "The bearer token was not accepted.");
        }
        if (!config.verifySharedKey()) {
            return;
        }
        if (!SharedKeySigner.verify(request, config.accountName(), config.accountKey())) {
            throw authFailed("Server failed to authenticate the request. Make sure the value of Authorization "
                    + "header is formed correctly including the signature.", "The MAC signature found in the HTTP "
                    + "request is not the same as any computed signature.");
        }
        RequestDate.check(request, config.requestDateTolerance(), Instant.now());
    }

    static BatchServiceException authFailed(String message, String detail) {
        return new BatchServiceException(403, "AuthenticationFailed", message,
                Map.of("AuthenticationErrorDetail", detail));
    }

    private static BatchServiceException injectedError(int status) {
        return switch (status) {
            case 429 -> BatchServiceException.of(429, "TooManyRequests",
                    "Request failed as server encountered too many requests. Please try again.");
            case 503 -> BatchServiceException.of(503, "ServerBusy", "The server is currently unable to receive "
                    + "requests. Please retry your request.");
            default -> BatchServiceException.of(500, "InternalError", "Server encountered an internal error. "
                    + "Please try again after some time.");
        };
    }

    private HttpResponse statsResponse() {
        var body = BatchJson.object();
        var ops = body.putObject("operations");
        for (Map.Entry<String, OperationStats> e : stats.snapshot().operations().entrySet()) {
            ops.putObject(e.getKey()).put("requests", e.getValue().requests()).put("errors", e.getValue().errors())
                    .put("responseBytes", e.getValue().responseBytes());
        }
        var versions = body.putObject("requestsByApiVersion");
        stats.snapshot().requestsByApiVersion().forEach(versions::put);
        return HttpResponse.of(200).body(BatchJson.bytes(body), "application/json");
    }
}
