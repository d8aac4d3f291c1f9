package io.github.batchtranscode.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The examples show what a user can write: their main code uses only core's public API. Read from the compiled
 * classes, so a fully qualified name counts as much as an import. The tests may use core internals.
 */
class PublicApiTest {
    /**
     * White-box benchmarks, allowed by name: each times the library against a baseline fed the library's own internal
     * artefacts, which no public API should offer.
     */
    private static final Set<String> WHITE_BOX_BENCHMARKS = Set.of(
            // xargs runs the exact ffmpeg argument list the local backend builds (FfmpegCommand)
            "io.github.batchtranscode.examples.bench.ShellBaseline",
            // xargs runs the exact per-rung argument lists of a video preset (VideoPlan, Encoders, MediaProbe)
            "io.github.batchtranscode.examples.bench.VideoBench",
            // times staging's blob listing, planning and uploads in isolation (BlobListing, Planner, BlobTransfers)
            "io.github.batchtranscode.examples.bench.BlobBench");

    @Test
    void mainCodeUsesOnlyCoresPublicApi() {
        JavaClasses examples = new ClassFileImporter().importPath(Path.of("target/classes"));
        noClasses().that(DescribedPredicate.describe("are not white-box benchmarks",
                        (JavaClass c) -> !WHITE_BOX_BENCHMARKS.contains(c.getName())
                                && !WHITE_BOX_BENCHMARKS.contains(c.getName().replaceFirst("\\$.*", ""))))
                .should().dependOnClassesThat().resideInAPackage("io.github.batchtranscode.internal..")
                .because("an example shows what a user can write; add a public entry point to core if one is missing")
                .check(examples);
    }
}
