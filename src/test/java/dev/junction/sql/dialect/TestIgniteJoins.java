package dev.junction.sql.dialect;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Joins nested on the right, which Ignite's H2 parser refuses, are written left-deep when the result is the same. */
class TestIgniteJoins {
    @Test
    void anInnerJoinNestedOnTheRightIsWrittenLeftDeepWithBothConditions() throws SqlParseException {
        assertThat(ignite("select count(*) from \"X\" as \"t\" inner join (\"X\" as \"t0\" cross join \"Y\" as \"t1\")"
                + " on \"t\".\"A\" * 2 > \"t0\".\"A\" + \"t1\".\"B\""))
                .isEqualTo("SELECT COUNT(*) FROM \"X\" AS \"t\" CROSS JOIN \"X\" AS \"t0\" INNER JOIN \"Y\" AS \"t1\""
                        + " ON \"t\".\"A\" * 2 > \"t0\".\"A\" + \"t1\".\"B\"");
        assertThat(ignite("select 1 from (select \"A\" from \"X\") as \"t\" inner join ((select \"A\" from \"X\") as \"t0\""
                + " inner join (select \"B\" from \"Y\") as \"t1\" on \"t0\".\"A\" = \"t1\".\"B\") on \"t\".\"A\" = \"t0\".\"A\""))
                .isEqualTo("SELECT 1 FROM (SELECT \"A\" FROM \"X\") AS \"t\" CROSS JOIN (SELECT \"A\" FROM \"X\") AS \"t0\""
                        + " INNER JOIN (SELECT \"B\" FROM \"Y\") AS \"t1\" ON \"t\".\"A\" = \"t0\".\"A\" AND \"t0\".\"A\" = \"t1\".\"B\"");
    }

    @Test
    void deeperNestingIsFlattenedToo() throws SqlParseException {
        assertThat(ignite("select 1 from \"A\" inner join (\"B\" inner join (\"C\" cross join \"D\")"
                + " on \"B\".\"X\" = \"C\".\"X\") on \"A\".\"X\" = \"B\".\"X\""))
                .isEqualTo("SELECT 1 FROM \"A\" CROSS JOIN \"B\" CROSS JOIN \"C\" INNER JOIN \"D\""
                        + " ON \"A\".\"X\" = \"B\".\"X\" AND \"B\".\"X\" = \"C\".\"X\"");
    }

    @Test
    void outerJoinsStayNested() throws SqlParseException {
        String sql = "SELECT 1 FROM \"A\" LEFT JOIN (\"B\" INNER JOIN \"C\" ON \"B\".\"X\" = \"C\".\"X\")"
                + " ON \"A\".\"X\" = \"B\".\"X\"";
        assertThat(ignite(sql)).isEqualTo(sql);
        String inner = "SELECT 1 FROM \"A\" INNER JOIN (\"B\" LEFT JOIN \"C\" ON \"B\".\"X\" = \"C\".\"X\")"
                + " ON \"A\".\"X\" = \"B\".\"X\"";
        assertThat(ignite(inner)).isEqualTo(inner);
    }

    private static String ignite(String sql) throws SqlParseException {
        SqlNode parsed = SqlParser.create(sql).parseQuery();
        return parsed.toSqlString(IgniteSqlDialect.DEFAULT).getSql().replaceAll("\\s+", " ");
    }
}
