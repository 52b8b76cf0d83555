package dev.junction.sql;

import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlShuttle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits names that JDBC tools write from the catalog's metadata back into the levels of Junction's SQL. JDBC has
 * one catalog level where an engine such as Trino has two in Junction ({@code trino.tpch.tiny.nation}): the
 * metadata reports the catalog {@code trino.tpch}, and a BI tool that quotes it writes
 * {@code "trino.tpch"."tiny"."nation"}, one identifier with a dot. Such a first part is split when what comes
 * before its first dot is a top-level schema (a connector) and the name has parts after it.
 */
final class CatalogNames extends SqlShuttle {
    private final SchemaPlus root;

    private CatalogNames(SchemaPlus root) {
        this.root = root;
    }

    /** The statement with every such name split. */
    static SqlNode apply(SqlNode statement, SchemaPlus root) {
        return statement.accept(new CatalogNames(root));
    }

    @Override
    public SqlNode visit(SqlIdentifier id) {
        if (id.names.size() < 2 || !splits(id.names.get(0))) {
            return id;
        }
        List<String> names = new ArrayList<>(Arrays.asList(id.names.get(0).split("\\.")));
        names.addAll(id.names.subList(1, id.names.size()));
        return new SqlIdentifier(names, id.getParserPosition());
    }

    private boolean splits(String first) {
        int dot = first.indexOf('.');
        return dot > 0 && dot < first.length() - 1 && root.subSchemas().get(first.substring(0, dot)) != null;
    }
}
