package io.github.batchtranscode;

import io.github.batchtranscode.buildtools.ApiBaseline;
import io.github.batchtranscode.buildtools.ApiSurface;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every change to core's public API is deliberate: the exported signatures must equal the committed
 * {@code api/batch-transcode-core.api}. After a deliberate change, regenerate it (README: Contributing) and commit it.
 */
class ApiBaselineTest {
    static final String UPDATE = "./mvnw -B -q -pl batch-transcode-core,batch-transcode-testkit -am test"
            + " -Dtest=ApiBaselineTest -Dsurefire.failIfNoSpecifiedTests=false -Dapi.baseline.update=true";

    @Test
    void thePublicApiMatchesTheCommittedBaseline() {
        ApiSurface api = ApiSurface.of(Path.of("target/classes"), getClass().getClassLoader());
        ApiBaseline.check(ApiBaseline.dump(api), Path.of("api/batch-transcode-core.api"), UPDATE);
    }
}
