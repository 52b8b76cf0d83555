package dev.junction.sql;

import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Names BI tools write from the JDBC metadata ("trino.tpch"."tiny"."nation") are split into Junction's levels. */
class TestCatalogNames {
    private static final SchemaPlus ROOT = root();

    @Test
    void aQuotedCatalogWithADotIsSplitWhenItStartsWithAConnector() throws SqlParseException {
        assertThat(split("select \"t\".\"name\", \"trino.tpch\".\"tiny\".\"nation\".\"regionkey\""
                + " from \"trino.tpch\".\"tiny\".\"nation\" as \"t\""))
                .isEqualTo("SELECT `t`.`name`, `trino`.`tpch`.`tiny`.`nation`.`regionkey`"
                        + " FROM `trino`.`tpch`.`tiny`.`nation` AS `t`");
    }

    @Test
    void otherNamesWithDotsStayAsWritten() throws SqlParseException {
        // Not a connector before the dot; a single part; a column whose name has a dot.
        String sql = "SELECT `t`.`a.b`, `c.d` FROM `unknown.x`.`y`.`z` AS `t`";
        assertThat(split(sql.replace('`', '"'))).isEqualTo(sql);
    }

    private static String split(String sql) throws SqlParseException {
        SqlNode parsed = SqlParser.create(sql, QueryPlanner.PARSER).parseQuery();
        return CatalogNames.apply(parsed, ROOT).toString().replaceAll("\\s+", " ");
    }

    private static SchemaPlus root() {
        SchemaPlus root = CalciteSchema.createRootSchema(false, true).plus();
        root.add("trino", new AbstractSchema());
        return root;
    }
}
