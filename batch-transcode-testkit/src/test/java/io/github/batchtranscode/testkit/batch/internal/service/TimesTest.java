package io.github.batchtranscode.testkit.batch.internal.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimesTest {
    /** The service's format, as a formatter writes it: what the emulator's own writing must equal. */
    private static final DateTimeFormatter SERVICE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    @Test
    void isoHasSevenFractionalDigitsAsTheServiceWrites() {
        assertThat(Times.iso(Instant.parse("2023-05-26T07:11:22.2836415Z"))).isEqualTo("2023-05-26T07:11:22.2836415Z");
        assertThat(Times.iso(Instant.parse("2026-12-31T23:59:59Z"))).isEqualTo("2026-12-31T23:59:59.0000000Z");
        assertThat(Times.iso(Instant.parse("2027-01-01T00:00:00.000000099Z"))).isEqualTo("2027-01-01T00:00:00.0000000Z");
        assertThat(Times.iso(Instant.parse("2027-01-01T00:00:00.9999999Z"))).isEqualTo("2027-01-01T00:00:00.9999999Z");
    }

    @Test
    void isoEqualsTheFormatterForAnyInstantInAnyOrder() {
        SplittableRandom random = new SplittableRandom(42);
        Instant base = Instant.parse("2026-12-03T00:00:00Z");
        for (int i = 0; i < 20_000; i++) {
            // runs of the same second (the cached text), then jumps across days, years and back
            Instant t = i % 3 == 0 ? base.plusSeconds(random.nextLong(-2_000_000_000L, 2_000_000_000L))
                    .plusNanos(random.nextInt(1_000_000_000)) : base.plusNanos(random.nextInt(1_000_000_000));
            assertThat(Times.iso(t)).as(t.toString()).isEqualTo(SERVICE.format(t));
        }
    }
}
