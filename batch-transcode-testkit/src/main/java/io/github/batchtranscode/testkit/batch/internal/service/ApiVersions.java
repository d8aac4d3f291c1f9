package io.github.batchtranscode.testkit.batch.internal.service;

import io.github.batchtranscode.testkit.internal.TestkitLoggers;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * The Batch data-plane api-versions the service knows, and what it answers for the others.
 *
 * <p>The list is the service's GA versions as published in Azure's REST API specs
 * ({@code specification/batch/data-plane/Microsoft.Batch/stable/…}) and its versioning page. A version not in it
 * is refused as the service refuses it: 400 {@code UnsupportedRequestVersion}, "The specified request version is
 * not supported." (the Batch status and error codes table). Azure announced (Azure/Batch#140) that versions before
 * {@value #RETIREMENT_CUTOFF} are retired, after which every request with them fails: with retirement enforced
 * they get the same answer; otherwise they are served and logged once per version at WARN.
 */
public final class ApiVersions {
    private static final Logger LOG = TestkitLoggers.EMULATOR;
    /** The first version that is not retired. */
    static final String RETIREMENT_CUTOFF = "2025-06-01";
    /** Every GA data-plane version, oldest first. */
    static final List<String> KNOWN = List.of(
            "2015-12-01.2.2", "2016-02-01.3.0", "2016-07-01.3.1", "2017-01-01.4.0", "2017-05-01.5.0",
            "2017-06-01.5.1", "2017-09-01.6.0", "2018-03-01.6.1", "2018-08-01.7.0", "2018-12-01.8.0",
            "2019-06-01.9.0", "2019-08-01.10.0", "2020-03-01.11.0", "2020-09-01.12.0", "2021-06-01.14.0",
            "2022-01-01.15.0", "2022-10-01.16.0", "2023-05-01.17.0", "2024-02-01.19.0", "2024-07-01.20.0",
            "2025-06-01");
    static final String CODE = "UnsupportedRequestVersion";
    static final String MESSAGE = "The specified request version is not supported.";

    private final boolean enforceRetirement;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public ApiVersions(boolean enforceRetirement) {
        this.enforceRetirement = enforceRetirement;
    }

    /** Whether a known version is retired (before {@value #RETIREMENT_CUTOFF}). */
    static boolean retired(String version) {
        return version.substring(0, Math.min(10, version.length())).compareTo(RETIREMENT_CUTOFF) < 0;
    }

    /**
     * Accepts a request's api-version or throws the service's answer.
     *
     * @throws BatchServiceException 400 {@code UnsupportedRequestVersion} for an unknown version, or a retired one
     *                               when retirement is enforced
     */
    public void check(String version) {
        if (!KNOWN.contains(version)) {
            throw refused(version);
        }
        if (retired(version)) {
            if (enforceRetirement) {
                throw refused(version);
            }
            if (warned.add(version)) {
                LOG.warn("a client sent retired api-version {} (Azure refuses versions before {}); served because"
                        + " retirement is not enforced", version, RETIREMENT_CUTOFF);
            }
        }
    }

    private static BatchServiceException refused(String version) {
        return BatchServiceException.badRequest(CODE, MESSAGE, "QueryParameterValue", version);
    }
}
