package dev.junction.api.jdbc;

import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Calendar;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

class TestJdbcTypes {
    @Test
    void rowsTravelInAvaticasRepresentations() {
        SqlTypeName[] types = {SqlTypeName.DATE, SqlTypeName.TIME, SqlTypeName.TIMESTAMP, SqlTypeName.BIGINT,
                SqlTypeName.INTEGER, SqlTypeName.DOUBLE, SqlTypeName.DECIMAL, SqlTypeName.VARCHAR, SqlTypeName.BOOLEAN};
        Object[] row = {LocalDate.of(1996, 1, 2), LocalTime.of(1, 2, 3), LocalDateTime.of(1970, 1, 2, 0, 0, 1), 7L, 8L,
                1.5f, 12L, "O", true};
        assertThat(JdbcTypes.wireRow(row, types)).containsExactly(9497, 3_723_000, 86_401_000L, 7L, 8, 1.5d,
                new BigDecimal("12"), "O", true);
        assertThat(JdbcTypes.wireRow(new Object[] {null}, new SqlTypeName[] {SqlTypeName.DATE})).containsExactly((Object) null);
    }

    @Test
    void columnsHaveJdbcTypesAndRepresentations() {
        assertThat(JdbcTypes.jdbcType(SqlTypeName.BIGINT)).isEqualTo(Types.BIGINT);
        assertThat(JdbcTypes.jdbcType(SqlTypeName.DATE)).isEqualTo(Types.DATE);
        assertThat(JdbcTypes.representation(SqlTypeName.DATE)).isEqualTo(ColumnMetaData.Rep.INTEGER);
        assertThat(JdbcTypes.representation(SqlTypeName.TIMESTAMP)).isEqualTo(ColumnMetaData.Rep.LONG);
        // A type with no JDBC counterpart here travels as text.
        assertThat(JdbcTypes.jdbcType(SqlTypeName.INTERVAL_DAY)).isEqualTo(Types.VARCHAR);
        assertThat(JdbcTypes.typeName(SqlTypeName.INTERVAL_DAY)).isEqualTo("VARCHAR");
    }

    @Test
    void parametersArriveAsTheValuesParameterBindingTakes() {
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        assertThat(JdbcTypes.parameterValue(TypedValue.ofJdbc(Date.valueOf("1996-01-02"), utc)))
                .isEqualTo(LocalDate.of(1996, 1, 2));
        assertThat(JdbcTypes.parameterValue(TypedValue.ofJdbc(Timestamp.valueOf("1995-03-15 10:20:30"), utc)))
                .isEqualTo(LocalDateTime.of(1995, 3, 15, 10, 20, 30));
        assertThat(JdbcTypes.parameterValue(TypedValue.ofLocal(ColumnMetaData.Rep.LONG, 42L))).isEqualTo(42L);
        assertThat(JdbcTypes.parameterValue(TypedValue.ofLocal(ColumnMetaData.Rep.STRING, "BUILDING")))
                .isEqualTo("BUILDING");
        assertThat(JdbcTypes.parameterValue(TypedValue.ofLocal(ColumnMetaData.Rep.STRING, null))).isNull();
    }
}
