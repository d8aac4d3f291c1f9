package io.github.batchtranscode.testkit.batch.internal.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoolSizingTest {
    @Test
    void fixedTargetsComeFromThePoolSpec() {
        var spec = BatchJson.parseObject("{\"targetDedicatedNodes\":2,\"targetLowPriorityNodes\":3}".getBytes());
        assertThat(PoolSizing.of(spec)).isEqualTo(new PoolSizing(2, 3));
    }

    @Test
    void autoscaleTakesTheLastLiteralAssignmentOfEachTarget() {
        var spec = BatchJson.parseObject(("{\"targetDedicatedNodes\":9,\"enableAutoScale\":true,\"autoScaleFormula\":"
                + "\"$TargetDedicatedNodes = 4; $TargetLowPriorityNodes=1;\\n$TargetDedicatedNodes=2;\"}").getBytes());
        assertThat(PoolSizing.of(spec)).isEqualTo(new PoolSizing(2, 1));
    }

    @Test
    void formulasWithoutLiteralsCountAsNoNodes() {
        assertThat(PoolSizing.fromFormula("$TargetDedicatedNodes = min(10, $PendingTasks.GetSample(1));"))
                .isEqualTo(new PoolSizing(0, 0));
    }
}
