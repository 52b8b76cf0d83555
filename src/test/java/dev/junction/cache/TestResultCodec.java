package dev.junction.cache;

import dev.junction.sql.Column;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestResultCodec {
    @Test
    void everyValueTypeComesBackEqual() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {42L, 7, (short) 3, (byte) 1, 1.5d, 2.25f, new BigDecimal("-12345678901234567890.125"),
                "Grüße, \"quoted\"", true});
        rows.add(new Object[] {null, null, null, null, null, null, null, "", false});
        List<Object[]> times = new ArrayList<>();
        times.add(new Object[] {LocalDate.of(1998, 8, 2), LocalDateTime.of(2026, 12, 1, 23, 59, 58, 123_000_000),
                LocalTime.of(13, 14, 15, 16_000_000), new byte[] {1, 2, 3}});
        CachedResult result = new CachedResult(List.of(new Column("a", "BIGINT"), new Column("b", "INTEGER"),
                new Column("c", "SMALLINT"), new Column("d", "TINYINT"), new Column("e", "DOUBLE"),
                new Column("f", "REAL"), new Column("g", "DECIMAL(38,3)"), new Column("h", "VARCHAR"),
                new Column("i", "BOOLEAN")), rows, true, 1_764_633_600_000L, "stamp-1", 30_000L);
        CachedResult timed = new CachedResult(List.of(new Column("d", "DATE"), new Column("ts", "TIMESTAMP"),
                new Column("t", "TIME"), new Column("b", "VARBINARY")), times, false, 5L, "", 0L);

        CachedResult decoded = ResultCodec.decode(ResultCodec.encode(result).orElseThrow());
        CachedResult decodedTimes = ResultCodec.decode(ResultCodec.encode(timed).orElseThrow());

        assertThat(decoded.columns()).isEqualTo(result.columns());
        assertThat(decoded.rows()).hasSize(2);
        assertThat(decoded.rows().get(0)).containsExactly(42L, 7, (short) 3, (byte) 1, 1.5d, 2.25f,
                new BigDecimal("-12345678901234567890.125"), "Grüße, \"quoted\"", true);
        assertThat(decoded.rows().get(1)).containsExactly(null, null, null, null, null, null, null, "", false);
        assertThat(decoded.truncated()).isTrue();
        assertThat(decoded.createdMillis()).isEqualTo(1_764_633_600_000L);
        assertThat(decoded.stamp()).isEqualTo("stamp-1");
        assertThat(decoded.ttlMillis()).isEqualTo(30_000L);
        assertThat(decodedTimes.ttlMillis()).isZero();
        assertThat(decodedTimes.rows().get(0)).containsExactly(LocalDate.of(1998, 8, 2),
                LocalDateTime.of(2026, 12, 1, 23, 59, 58, 123_000_000), LocalTime.of(13, 14, 15, 16_000_000),
                new byte[] {1, 2, 3});
        assertThat(decodedTimes.truncated()).isFalse();
    }

    @Test
    void aBigintRowTakesNineBytesAValue() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {1L, 2L});
        CachedResult result = new CachedResult(List.of(new Column("a", "BIGINT"), new Column("b", "BIGINT")), rows,
                false, 0L, "s", 0L);

        // 1 format + 8 created + 8 TTL + 5 stamp + 1 truncated + 4 column count + 2 × (4 + 1 + 4 + 6) columns
        // + 4 row count + 2 × 9.
        assertThat(ResultCodec.encode(result).orElseThrow()).hasSize(1 + 8 + 8 + 5 + 1 + 4 + 2 * 15 + 4 + 18);
    }

    @Test
    void aValueOfAnUnknownTypeIsNotEncoded() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {new Object()});

        assertThat(ResultCodec.encode(new CachedResult(List.of(new Column("x", "OTHER")), rows, false, 0L, "s", 0L))).isEmpty();
    }

    @Test
    void bytesOfAnotherFormatAreRefused() {
        assertThatThrownBy(() -> ResultCodec.decode(new byte[] {9, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown cached result format 9");
    }
}
