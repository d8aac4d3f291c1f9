package io.github.batchtranscode.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolSpecTest {
    private static final String FORMULA = "$TargetDedicatedNodes = min(10, $PendingTasks.GetSample(1));";

    @Test
    void anAutoscaleFormulaWithNodeCountsIsRefusedNamingBoth() {
        assertThatThrownBy(() -> PoolSpec.builder().spotNodes(3).autoScaleFormula(FORMULA).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("autoScaleFormula")
                .hasMessageContaining("spotNodes(3)");
        assertThatThrownBy(() -> PoolSpec.builder().autoScaleFormula(FORMULA).dedicatedNodes(0).build())
                .as("even zero: the counts are ignored with a formula").isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dedicatedNodes(0)");
    }

    @Test
    void anAutoscaleFormulaWithAResizeTimeoutIsRefusedNamingBoth() {
        assertThatThrownBy(() -> PoolSpec.builder().autoScaleFormula(FORMULA).resizeTimeout(Duration.ofMinutes(20))
                .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("autoScaleFormula")
                .hasMessageContaining("resizeTimeout(PT20M)");
    }

    @Test
    void anAutoscalePoolHasNoFixedCounts() {
        PoolSpec pool = PoolSpec.builder().autoScaleFormula(FORMULA).build();

        assertThat(pool.autoScaleFormula()).isEqualTo(FORMULA);
        assertThat(pool.dedicatedNodes()).isZero();
        assertThat(pool.spotNodes()).as("the default 5 does not apply").isZero();
        assertThat(pool.toBuilder().build().autoScaleFormula()).isEqualTo(FORMULA);
        assertThatThrownBy(() -> pool.toBuilder().spotNodes(2).build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFixedPoolNeedsANode() {
        assertThatThrownBy(() -> PoolSpec.builder().spotNodes(0).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no nodes");
        assertThat(PoolSpec.builder().dedicatedNodes(2).spotNodes(0).build().dedicatedNodes()).isEqualTo(2);
    }
}
