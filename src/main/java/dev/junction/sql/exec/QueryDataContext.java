package dev.junction.sql.exec;

import dev.junction.sql.sketch.Sketches;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What generated code reads while a plan runs: the query's parameters ({@code ?0}, {@code ?1}, …), the rows
 * of each fragment (by {@link FragmentKey}), the values stashed at code generation, the sketch functions
 * ({@link Sketches#runtime()}), and one fixed "now" in UTC.
 */
final class QueryDataContext implements DataContext {
    private final SchemaPlus rootSchema;
    private final JavaTypeFactory typeFactory;
    private final Map<String, Object> values = new HashMap<>();
    private final QueryExecution execution;

    QueryDataContext(SchemaPlus rootSchema, JavaTypeFactory typeFactory, QueryExecution execution,
            List<Object> parameters, Map<String, Object> stashed, AtomicBoolean cancelFlag) {
        this.rootSchema = rootSchema;
        this.typeFactory = typeFactory;
        this.execution = execution;
        values.putAll(stashed);
        values.putAll(Sketches.runtime());
        for (int i = 0; i < parameters.size(); i++) {
            values.put("?" + i, parameters.get(i));
        }
        long now = System.currentTimeMillis();
        values.put(Variable.UTC_TIMESTAMP.camelName, now);
        values.put(Variable.CURRENT_TIMESTAMP.camelName, now);
        values.put(Variable.LOCAL_TIMESTAMP.camelName, now);
        values.put(Variable.SYS_TIMESTAMP.camelName, now);
        values.put(Variable.TIME_ZONE.camelName, TimeZone.getTimeZone("UTC"));
        values.put(Variable.CANCEL_FLAG.camelName, cancelFlag);
    }

    @Override
    public SchemaPlus getRootSchema() {
        return rootSchema;
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
        return typeFactory;
    }

    @Override
    public QueryProvider getQueryProvider() {
        throw new UnsupportedOperationException("plans run without a query provider");
    }

    @Override
    public @Nullable Object get(String name) {
        Object value = values.get(name);
        if (value != null) {
            return value;
        }
        return FragmentKey.decode(name)
                .map(key -> (Object) execution.rows(key.fragment(), key.scalar()))
                .orElse(null);
    }
}
