package dev.junction.error;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestSqlStateMapping {
    @Test
    void everyCodeHasAFiveCharacterSqlState() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(SqlStateMapping.sqlStateOf(code)).as(code.name()).matches("[0-9A-Z]{5}");
        }
    }

    @Test
    void mapsTheCodesClientsBranchOn() {
        assertThat(SqlStateMapping.sqlStateOf(ErrorCode.SQL_PARSE_ERROR)).isEqualTo("42000");
        assertThat(SqlStateMapping.sqlStateOf(ErrorCode.TABLE_NOT_FOUND)).isEqualTo("42S02");
        assertThat(SqlStateMapping.sqlStateOf(ErrorCode.QUERY_CANCELLED)).isEqualTo("57014");
        assertThat(SqlStateMapping.sqlStateOf(ErrorCode.QUERY_TIMEOUT)).isEqualTo("HYT00");
        assertThat(SqlStateMapping.sqlStateOf(ErrorCode.ENGINE_UNAVAILABLE)).isEqualTo("08001");
    }

    @Test
    void connectionErrorsAreInClass08AndInternalOnesInClassXX() {
        assertThat(SqlStateMapping.sqlStateOf(ErrorCode.ENGINE_UNAVAILABLE)).startsWith("08");
        assertThat(SqlStateMapping.sqlStateOf(ErrorCode.INTERNAL_ERROR)).startsWith("XX");
    }
}
