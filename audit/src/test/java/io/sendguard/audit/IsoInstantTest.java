package io.sendguard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class IsoInstantTest {
    @Test
    void writesWhatInstantToStringWrites() {
        SplittableRandom random = new SplittableRandom(20261128);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-62167219200L - 1000, 253402300799L + 1000);
            int nano;
            switch (i % 4) {
                case 0: nano = 0; break;
                case 1: nano = random.nextInt(1000) * 1_000_000; break;
                case 2: nano = random.nextInt(1_000_000) * 1000; break;
                default: nano = random.nextInt(1_000_000_000); break;
            }
            Instant instant = Instant.ofEpochSecond(seconds, nano);
            assertThat(IsoInstant.format(instant)).as("%s", instant).isEqualTo(instant.toString());
        }
    }

    @Test
    void edgesOfTheRangeAndBeyond() {
        for (Instant instant : new Instant[] {Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("2024-02-29T23:59:59.010Z"),
            Instant.MIN, Instant.MAX, Instant.ofEpochSecond(-1, 1), Instant.parse("2026-11-28T02:00:00.000100Z")}) {
            assertThat(IsoInstant.format(instant)).isEqualTo(instant.toString());
        }
    }
}
