package io.github.batchtranscode.buildtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignatureRuleTest {
    private static final String FIXTURE = "io.github.batchtranscode.buildtools.fixture";
    private static final Path TEST_CLASSES = Path.of("target/test-classes");

    private static ApiSurface fixtures() {
        return ApiSurface.of(TEST_CLASSES, SignatureRuleTest.class.getClassLoader());
    }

    private static List<String> fixtureViolations() {
        return SignatureRule.violations(fixtures(), FIXTURE).stream().filter(v -> v.startsWith(FIXTURE)).toList();
    }

    @Test
    void exportsPublicTypesOutsideInternalPackagesOnly() {
        assertThat(fixtures().types()).map(Class::getName)
                .contains(FIXTURE + ".Leaky", FIXTURE + ".Leaky$Nested")
                .doesNotContain(FIXTURE + ".Quiet", FIXTURE + ".internal.Hidden");
    }

    @Test
    void namesEveryMemberThatLeaksAndNoOther() {
        String leaky = FIXTURE + ".Leaky";
        String hidden = "internal type " + FIXTURE + ".internal.Hidden";
        String quiet = "non-public type " + FIXTURE + ".Quiet";
        assertThat(fixtureViolations()).containsExactlyInAnyOrder(
                leaky + " (its supertypes or type parameters) names " + hidden,
                leaky + "#<init>(Hidden) names " + hidden,
                leaky + "#get() names " + hidden,
                leaky + "#bound(Hidden) names " + hidden,
                leaky + "#field names " + hidden,
                leaky + "#hiddenArray names " + quiet,
                leaky + "$Nested#quiet() names " + quiet);
    }

    @Test
    void dumpsSignaturesStablyWithGenericsAndVarargs() {
        List<String> lines = ApiBaseline.dump(fixtures()).stream()
                .dropWhile(l -> !l.contains(FIXTURE + ".Leaky")).toList();
        assertThat(lines).startsWith("public class " + FIXTURE + ".Leaky extends " + FIXTURE + ".internal.Hidden"
                + " implements java.util.function.Supplier<java.util.List<? extends " + FIXTURE + ".internal.Hidden>>");
        assertThat(lines).contains("  public <T extends " + FIXTURE + ".internal.Hidden> void bound(T)",
                "  public void fine(java.lang.String, int...) throws java.io.IOException",
                "  protected Leaky()", "  public " + FIXTURE + ".internal.Hidden field")
                .noneMatch(l -> l.contains("packagePrivate") || l.contains("privateField"));
        assertThat(ApiBaseline.dump(fixtures())).containsSubsequence("public interface " + FIXTURE + ".Defaults",
                "  public int plain()", "  public default int withBody()");
        assertThat(ApiBaseline.dump(fixtures())).as("the same text every time").isEqualTo(ApiBaseline.dump(fixtures()));
    }

    @Test
    void aDifferenceFailsWithTheLinesAndTheCommandAndAnUpdateWritesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("api/x.api");
        List<String> before = List.of("public class a.A", "  public void keep()", "  public void gone()",
                "public class a.B", "  public void keep()");
        List<String> after = List.of("public class a.A", "  public void keep()", "  public int added()",
                "public class a.B");
        System.clearProperty(ApiBaseline.UPDATE_PROPERTY); // a run with -Dapi.baseline.update=true must not change this test
        assertThatThrownBy(() -> ApiBaseline.check(before, file, "CMD"))
                .hasMessageContaining("no API baseline at " + file).hasMessageContaining("CMD");
        System.setProperty(ApiBaseline.UPDATE_PROPERTY, "true");
        try {
            ApiBaseline.check(before, file, "CMD");
        } finally {
            System.clearProperty(ApiBaseline.UPDATE_PROPERTY);
        }
        assertThat(Files.readAllLines(file)).isEqualTo(before);
        ApiBaseline.check(before, file, "CMD");
        assertThatThrownBy(() -> ApiBaseline.check(after, file, "CMD"))
                .hasMessage("the public API differs from " + file + " (- removed, + added):\n"
                        + "  in public class a.A\n+ public int added()\n- public void gone()\n"
                        + "  in public class a.B\n- public void keep()\n"
                        + "If the change is deliberate, accept it with\n  CMD\n"
                        + "and commit the file (note breaking changes in CHANGELOG.md).");
    }

    @Test
    void anUncompiledModuleIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> ApiSurface.of(dir, getClass().getClassLoader()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no compiled class below");
    }
}
