package io.github.batchtranscode.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.github.batchtranscode.buildtools.ApiSurface;
import io.github.batchtranscode.buildtools.SignatureRule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The testkit is a user of core like any other: its main code uses only core's public API (no class of
 * {@code io.github.batchtranscode.internal..}), and its own exported types name no internal or non-public type in a
 * public or protected signature. Read from the compiled classes. The testkit's tests may use core internals.
 */
class PublicApiTest {
    private static final String ROOT = "io.github.batchtranscode";
    private static final Path CLASSES = Path.of("target/classes");
    /** Read once: importing the classes is the slow part. */
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(CLASSES);

    @Test
    void noExportedSignatureNamesAnInternalType() {
        ApiSurface api = ApiSurface.of(CLASSES, getClass().getClassLoader());
        assertThat(api.types()).as("the testkit's exported types").isNotEmpty();
        assertThat(SignatureRule.violations(api, ROOT))
                .as("public signatures that name an internal or non-public type (make the type public API outside"
                        + " ..internal.., or keep it out of the signature)")
                .isEmpty();
    }

    @Test
    void loggersAreNamedForTheirComponentNotTheirClass() {
        noClasses().should().callMethod(LoggerFactory.class, "getLogger", Class.class)
                .because("users filter the testkit's logs by component: take a logger from TestkitLoggers"
                        + " (io.github.batchtranscode.testkit.emulator, .azurite, ...)")
                .check(MAIN);
    }

    @Test
    void mainCodeUsesOnlyCoresPublicApi() {
        noClasses().should().dependOnClassesThat().resideInAPackage(ROOT + ".internal..")
                .because("the testkit uses core as its users do; add a public entry point to core if one is missing")
                .check(MAIN);
    }
}
