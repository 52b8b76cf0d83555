package dev.junction.sql.dialect;

import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ignite's H2 parser cannot type a bare parameter that a derived table selects ({@code SELECT * FROM (SELECT ? AS
 * "metric") AS "t"}: "Unknown data type"), so such parameters are written cast to the type the plan gives them.
 */
class TestIgniteParameters {
    private static final RelDataTypeFactory TYPES = new JavaTypeFactoryImpl();

    @Test
    void aParameterSelectedInADerivedTableIsCastToItsType() throws SqlParseException {
        assertThat(ignite("select \"metric\", \"n\" from (select ? as \"metric\", count(*) as \"n\" from \"P\""
                + " where \"NAME\" = ? group by \"HOST\") as \"t\"", Map.of(0, TYPES.createSqlType(SqlTypeName.VARCHAR))))
                .isEqualTo("SELECT \"metric\", \"n\" FROM (SELECT CAST(? AS VARCHAR) AS \"metric\", COUNT(*) AS \"n\""
                        + " FROM \"P\" WHERE \"NAME\" = ? GROUP BY \"HOST\") AS \"t\"");
    }

    @Test
    void unnamedAndTopLevelParametersAreCastAndOthersAreLeftAsTheyAre() throws SqlParseException {
        assertThat(ignite("select ?, ? + 1 as \"b\", coalesce(?, 'x') from \"P\" where \"V\" > ?",
                Map.of(0, TYPES.createSqlType(SqlTypeName.DOUBLE), 1, TYPES.createSqlType(SqlTypeName.INTEGER),
                        2, TYPES.createSqlType(SqlTypeName.VARCHAR), 3, TYPES.createSqlType(SqlTypeName.DOUBLE))))
                .isEqualTo("SELECT CAST(? AS DOUBLE), ? + 1 AS \"b\", COALESCE(?, 'x') FROM \"P\" WHERE \"V\" > ?");
    }

    @Test
    void aTimestampParameterKeepsItsPrecision() throws SqlParseException {
        RelDataType millis = TYPES.createSqlType(SqlTypeName.TIMESTAMP, 3);
        assertThat(ignite("select ? as \"t\" from \"P\"", Map.of(0, millis)))
                .isEqualTo("SELECT CAST(? AS TIMESTAMP(3)) AS \"t\" FROM \"P\"");
    }

    private static String ignite(String sql, Map<Integer, RelDataType> types) throws SqlParseException {
        SqlNode parsed = SqlParser.create(sql).parseQuery();
        IgniteSqlDialect dialect = (IgniteSqlDialect) IgniteSqlDialect.DEFAULT;
        return dialect.typeSelectedParameters(parsed, types).toSqlString(dialect).getSql().replaceAll("\\s+", " ");
    }
}
