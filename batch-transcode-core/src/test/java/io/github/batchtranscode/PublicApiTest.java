package io.github.batchtranscode;

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
 * Internal means internal: core's exported types (everything public outside {@code ..internal..}) name no internal or
 * non-public type in any public or protected signature, and the {@code model} package depends on no internal
 * package, so model and internals form no cycle. Read from the compiled classes, so a fully qualified name or a
 * generic argument counts as much as an import.
 */
class PublicApiTest {
    static final String ROOT = "io.github.batchtranscode";
    private static final Path CLASSES = Path.of("target/classes");
    /** Read once: importing the classes is the slow part. */
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(CLASSES);

    @Test
    void noExportedSignatureNamesAnInternalType() {
        ApiSurface api = ApiSurface.of(CLASSES, getClass().getClassLoader());
        assertThat(api.types()).as("core's exported types").isNotEmpty().allMatch(t -> !ApiSurface.isInternal(t));
        assertThat(SignatureRule.violations(api, ROOT))
                .as("public signatures that name an internal or non-public type (make the type public API outside"
                        + " ..internal.., or keep it out of the signature)")
                .isEmpty();
    }

    @Test
    void loggersAreNamedForTheirComponentNotTheirClass() {
        noClasses().should().callMethod(LoggerFactory.class, "getLogger", Class.class)
                .because("users filter the library's logs by component: take a logger from internal.engine.Loggers"
                        + " (io.github.batchtranscode.job, .local, .azure, .ffmpeg)")
                .check(MAIN);
    }

    @Test
    void theModelDependsOnNoInternalPackage() {
        noClasses().that().resideInAPackage(ROOT + ".model..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".internal..")
                .because("the model is public API; internals depend on it, never the other way (no package cycle)")
                .check(MAIN);
    }
}
