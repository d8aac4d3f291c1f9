package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.model.BlobLocation;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.Preset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan record's text: what an attaching process reads back, and what it never holds. */
class PlanRecordTest {
    private static final NodePlan PLAN = NodePlan.of(List.of(OutputFormat.of(Preset.H264_LADDER),
            OutputFormat.of(Preset.HLS), OutputFormat.of(Preset.MP3)), p -> "libopenh264");

    private static PlanRecord.Entry entry(boolean nodePlanned, String stem) {
        return new PlanRecord.Entry("wide-0123456789abcdef", "raw/2024/a/wide.mp4", "a/wide.1080p.mp4", 1234,
                "md5:q83vEjRWeJA=", "media", "dest", "video/v1/a/wide.1080p.mp4", null, nodePlanned ? true : null,
                stem);
    }

    @Test
    void aNodePlannedRecordGivesBackThePlanTheNodesRanAndWhereSourcesAndOutputsAre() {
        NodeRecord node = NodeRecord.of(PLAN, BlobLocation.of("media", "raw/2024"), BlobLocation.of("dest", "video/v1"));

        PlanRecord.Contents read = PlanRecord.parse(PlanRecord.text(
                new PlanRecord.Contents(List.of(entry(true, "a/wide")), node), "job-1")).orElseThrow();

        NodePlan plan = read.node().plan();
        // what each task's result.json refers to (candidates by index) and what names keyed outputs
        assertThat(plan.planText(true)).isEqualTo(PLAN.planText(true));
        assertThat(plan.argumentFiles()).isEqualTo(PLAN.argumentFiles());
        for (int i = 0; i < PLAN.formats().size(); i++) {
            assertThat(plan.outputKeyText(plan.formats().get(i))).isEqualTo(PLAN.outputKeyText(PLAN.formats().get(i)));
            assertThat(plan.formats().get(i).preset()).isEqualTo(PLAN.formats().get(i).preset());
            assertThat(plan.formats().get(i).encoder()).isEqualTo(PLAN.formats().get(i).encoder());
        }
        assertThat(read.node().sourceLocation()).isEqualTo(BlobLocation.of("media", "raw/2024"));
        assertThat(read.node().destinationLocation()).isEqualTo(BlobLocation.of("dest", "video/v1"));
        assertThat(read.files()).singleElement().satisfies(e -> {
            assertThat(e.stem()).isEqualTo("a/wide");
            assertThat(e.input()).isEqualTo("raw/2024/a/wide.mp4");
            assertThat(e.nodePlanned()).isTrue();
        });
    }

    @Test
    void theRecordHoldsNoUrlAccountOrSecretEvenForALocationParsedFromAUrl() {
        BlobLocation source = BlobLocation.parse("https://mystore.blob.core.windows.net/media/raw/2024");
        String text = PlanRecord.text(new PlanRecord.Contents(List.of(entry(true, "a/wide")),
                NodeRecord.of(PLAN, source, null)), "job-1");

        assertThat(text).doesNotContain("http", "mystore", "sig=", "AccountKey", "core.windows.net");
        assertThat(PlanRecord.parse(text).orElseThrow().node().destinationLocation()).isNull();
    }

    @Test
    void anyOtherJobsRecordIsTheListOfEntriesAsBefore() {
        String text = PlanRecord.text(new PlanRecord.Contents(List.of(entry(false, null)), null), "job-1");

        assertThat(text).startsWith("[");
        assertThat(PlanRecord.parse(text).orElseThrow().node()).isNull();
    }

    @Test
    void aNodePlannedRecordWrittenBeforeAttachSupportedItReadsWithoutANodePlan() {
        String older = "[{\"taskId\":\"wide-0123456789abcdef\",\"input\":\"raw/2024/a/wide.mp4\","
                + "\"output\":\"a/wide.1080p.mp4\",\"inputBytes\":1234,\"md5\":\"md5:q83vEjRWeJA=\","
                + "\"sourceContainer\":\"media\",\"outputContainer\":\"dest\","
                + "\"outputBlob\":\"video/v1/a/wide.1080p.mp4\",\"video\":null,\"nodePlanned\":true}]";

        PlanRecord.Contents read = PlanRecord.parse(older).orElseThrow();

        assertThat(read.node()).as("attach refuses it by name (AzureBackend)").isNull();
        assertThat(read.files()).singleElement().satisfies(e -> {
            assertThat(e.nodePlanned()).isTrue();
            assertThat(e.stem()).isNull();
        });
    }
}
