package dev.junction.sql;

import dev.junction.config.GatewayConfig;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.sql.catalog.Catalog;
import dev.junction.sql.catalog.ReplicaChoice;
import dev.junction.sql.hybrid.ColdTierNotInCatalogException;
import dev.junction.sql.hybrid.HybridPlanning;
import dev.junction.sql.hybrid.HybridRead;
import dev.junction.sql.hybrid.HybridTables;
import dev.junction.sql.plan.EngineFragment;
import dev.junction.sql.sketch.SketchFunctions;
import jakarta.inject.Singleton;
import org.apache.calcite.adapter.enumerable.EnumerableBatchNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableCorrelate;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.adapter.enumerable.EnumerableWindow;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.apache.calcite.tools.RelConversionException;
import org.apache.calcite.tools.ValidationException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans one SQL statement against the catalog: parse, validate, convert, optimize with every engine's
 * convention, so that the largest subtrees each engine can run become its fragments.
 */
@Singleton
public class QueryPlanner {
    /** How many times a plan whose handoff state moved while it was made is made again. */
    private static final int REPLANS = 3;
    static final SqlParser.Config PARSER = SqlParser.config()
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false)
            .withConformance(SqlConformanceEnum.LENIENT);

    /** The functions beyond standard SQL's: APPROX_QUANTILE (the sketches' own come only from rewrites). */
    private static final SqlOperatorTable OPERATORS = SqlOperatorTables.chain(SqlStdOperatorTable.instance(),
            SqlOperatorTables.of(SketchFunctions.APPROX_QUANTILE));

    private final Catalog catalog;
    private final HybridTables hybridTables;
    private final PlanCache cache;

    public QueryPlanner(Catalog catalog, HybridTables hybridTables, GatewayConfig config) {
        this.catalog = catalog;
        this.hybridTables = hybridTables;
        this.cache = new PlanCache(config.query().planCacheSize());
    }

    /** Plans a statement that needs every tier of the hybrid table it reads. */
    public PlannedQuery plan(String sql, QueryMode mode) {
        return plan(sql, mode, false);
    }

    /** Plans a statement whose current-time functions evaluate when it runs. */
    public PlannedQuery plan(String sql, QueryMode mode, boolean partialAccepted) {
        return plan(sql, mode, partialAccepted, Optional.empty());
    }

    /**
     * Plans a statement.
     *
     * @param mode which engines replicated logical tables are read from
     * @param partialAccepted whether the hybrid table may be read without a tier whose engine is down
     * @param fixedNow the instant the statement's current-time functions evaluate to, as literals in the plan;
     *     empty: they evaluate when the query runs
     * @throws JunctionException SQL_PARSE_ERROR, STATEMENT_NOT_ALLOWED, TABLE_NOT_FOUND, COLUMN_NOT_FOUND,
     *     SQL_VALIDATION_ERROR or ENGINE_UNAVAILABLE, with a message naming the object and position
     */
    public PlannedQuery plan(String sql, QueryMode mode, boolean partialAccepted, Optional<Instant> fixedNow) {
        long start = System.nanoTime();
        SchemaPlus root = catalog.root();
        // A statement that calls a current-time function is planned per instant: its literals are in the plan.
        Optional<Instant> now = fixedNow.filter(instant -> CurrentTimeLiterals.mayCall(sql));
        String key = mode.externalName() + '\n' + partialAccepted + '\n' + now.map(Instant::toString).orElse("")
                + '\n' + sql;
        // A plan of the hybrid table holds the handoff state it splits at: after a handoff, it is planned anew.
        return cache.find(root, key)
                .filter(this::isCurrent)
                .map(planned -> planned.reused(System.nanoTime() - start))
                .orElseGet(() -> {
                    PlannedQuery planned = planWithCurrentCatalog(root, sql, mode, partialAccepted, now, start);
                    // Planning may outlast the eviction delay (a cold JVM, a busy machine): a plan whose handoff state
                    // moved meanwhile is made again, so that it runs with the state queries split at now.
                    for (int again = 0; again < REPLANS && !isCurrent(planned); again++) {
                        planned = planWithCurrentCatalog(root, sql, mode, partialAccepted, now, start);
                    }
                    // A partial plan leaves out a tier that was down: the next statement checks again.
                    return planned.hybrid().map(HybridRead::partial).orElse(false) ? planned
                            : cache.keep(root, key, planned);
                });
    }

    private boolean isCurrent(PlannedQuery planned) {
        return planned.hybrid().map(hybridTables::isCurrent).orElse(true);
    }

    /**
     * Plans against {@code root}, or once more against the refreshed catalog when the hybrid table's cold
     * datasource was missing from it although handoffs had written there.
     */
    private PlannedQuery planWithCurrentCatalog(SchemaPlus root, String sql, QueryMode mode, boolean partialAccepted,
            Optional<Instant> now, long start) {
        try {
            return planAnew(root, sql, mode, partialAccepted, now, start);
        } catch (ColdTierNotInCatalogException first) {
            try {
                return planAnew(catalog.root(), sql, mode, partialAccepted, now, start);
            } catch (ColdTierNotInCatalogException again) {
                throw new JunctionException(ErrorCode.ENGINE_UNAVAILABLE, again.getMessage()
                        + ", and Druid does not list it after a catalog refresh either; try again shortly", again);
            }
        }
    }

    private PlannedQuery planAnew(SchemaPlus catalogRoot, String sql, QueryMode mode, boolean partialAccepted,
            Optional<Instant> now, long start) {
        ReplicaChoice replicas = catalog.replicaChoice();
        HybridPlanning hybrid = new HybridPlanning(hybridTables, partialAccepted);
        Planner planner = Frameworks.getPlanner(config(catalogRoot, replicas, hybrid));
        try {
            SqlNode parsed = parse(planner, sql);
            boolean explain = parsed.getKind() == SqlKind.EXPLAIN;
            SqlNode explicandum = explain ? ((SqlExplain) parsed).getExplicandum() : parsed;
            if (!explicandum.isA(SqlKind.QUERY)) {
                throw notAllowed(explicandum.getKind().sql);
            }
            SqlNode named = CatalogNames.apply(explicandum, catalogRoot);
            SqlNode query = now.map(instant -> CurrentTimeLiterals.apply(named, instant)).orElse(named);
            if (!mode.roles().isEmpty()) {
                replicas.forceRoles(mode.roles(), "mode " + mode.externalName());
            }
            QueryHints.apply(query, replicas);
            SqlNode validated = validate(planner, query);
            replicas.prepare(catalogRoot, validated);
            RelRoot root = planner.rel(validated);
            RelNode logical = root.project();
            EnumerableRel plan = (EnumerableRel) planner.transform(0,
                    logical.getTraitSet().replace(EnumerableConvention.INSTANCE), logical);
            List<PlannedFragment> fragments = fragments(plan);
            return new PlannedQuery(sql, columns(root.validatedRowType), root.validatedRowType, plan, fragments,
                    shape(plan, fragments), explain, planner.getParameterRowType().getFieldList().stream()
                            .map(field -> field.getType().getSqlTypeName()).toList(),
                    replicas.decisions(), hybrid.read(), System.nanoTime() - start, false);
        } catch (RelConversionException e) {
            throw new JunctionException(ErrorCode.INTERNAL_ERROR, "The query could not be planned: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ColdTierNotInCatalogException cold) {
                    throw cold;
                }
            }
            throw translate(e);
        } catch (AssertionError | StackOverflowError e) {
            // Calcite signals plans it cannot implement with assertion errors.
            throw new JunctionException(ErrorCode.INTERNAL_ERROR, "The query could not be planned", e);
        } finally {
            planner.close();
        }
    }

    private static FrameworkConfig config(SchemaPlus root, ReplicaChoice replicas, HybridPlanning hybrid) {
        return Frameworks.newConfigBuilder()
                // Logical tables find the statement's choice of replicas in the planner's context, the hybrid
                // table the handoff state it splits at.
                .context(Contexts.of(replicas, hybrid))
                .operatorTable(OPERATORS)
                .parserConfig(PARSER)
                .sqlValidatorConfig(SqlValidator.Config.DEFAULT
                        .withConformance(SqlConformanceEnum.LENIENT)
                        .withIdentifierExpansion(true))
                .defaultSchema(root)
                .typeSystem(JunctionTypeSystem.INSTANCE)
                .programs(QueryProgram.create())
                // Evaluates constant expressions while planning; without one, Calcite leaves them to the engines.
                .executor(RexUtil.EXECUTOR)
                .build();
    }

    private static SqlNode parse(Planner planner, String sql) {
        try {
            return planner.parse(sql);
        } catch (SqlParseException e) {
            String first = firstWord(sql);
            if (List.of("CREATE", "DROP", "ALTER", "TRUNCATE", "GRANT", "REVOKE", "USE", "SET", "CALL").contains(first)) {
                throw notAllowed(first);
            }
            throw new JunctionException(ErrorCode.SQL_PARSE_ERROR, SqlErrors.parseMessage(e), e);
        }
    }

    private static SqlNode validate(Planner planner, SqlNode query) {
        try {
            return planner.validate(query);
        } catch (ValidationException e) {
            throw SqlErrors.validation(e);
        }
    }

    private static JunctionException notAllowed(String statement) {
        return new JunctionException(ErrorCode.STATEMENT_NOT_ALLOWED, "Junction is read-only over SQL: "
                + statement + " statements are not accepted (metric events enter through POST /api/v1/metrics)");
    }

    private static RuntimeException translate(RuntimeException e) {
        if (e instanceof JunctionException) {
            return e;
        }
        return SqlErrors.coded(e).or(() -> SqlErrors.engineUnavailable(e)).orElseGet(() ->
                new JunctionException(ErrorCode.INTERNAL_ERROR, "The query could not be planned", e));
    }

    private static List<PlannedFragment> fragments(EnumerableRel plan) {
        List<PlannedFragment> fragments = new ArrayList<>();
        RelMetadataQuery metadata = plan.getCluster().getMetadataQuery();
        new RelVisitor() {
            private int replayingAncestors;
            private int holdingAncestors;

            @Override
            public void visit(RelNode node, int ordinal, RelNode parent) {
                if (node instanceof EngineFragment fragment) {
                    fragments.add(new PlannedFragment(fragment.spec(), metadata.getRowCount(fragment),
                            replayingAncestors > 0, holdingAncestors > 0));
                    return;
                }
                boolean replaying = ordinal == 1 && replaysRightInput(parent);
                boolean holding = parent != null && holdsInput(parent, ordinal);
                // An aggregate keeps one row per group, not its input's rows: what holds it holds groups.
                int holdingAbove = holdingAncestors;
                holdingAncestors = node instanceof Aggregate ? 0 : holdingAncestors + (holding ? 1 : 0);
                replayingAncestors += replaying ? 1 : 0;
                super.visit(node, ordinal, parent);
                replayingAncestors -= replaying ? 1 : 0;
                holdingAncestors = holdingAbove;
            }
        }.go(plan);
        return fragments;
    }

    /** Calcite's nested loops enumerate their right input once per row of the left one. */
    private static boolean replaysRightInput(RelNode node) {
        return node instanceof EnumerableNestedLoopJoin || node instanceof EnumerableBatchNestedLoopJoin
                || node instanceof EnumerableCorrelate;
    }

    /**
     * Whether an operator keeps an input's rows in memory before it answers: a hash join its right (build) side,
     * a full sort, a window and the set operations that remove duplicates all of theirs.
     */
    private static boolean holdsInput(RelNode node, int ordinal) {
        return switch (node) {
            case EnumerableHashJoin join -> ordinal == 1;
            case EnumerableSort sort -> true;
            case EnumerableWindow window -> true;
            case SetOp setOp -> !setOp.all;
            default -> false;
        };
    }

    private static PlanShape shape(EnumerableRel plan, List<PlannedFragment> fragments) {
        if (fragments.isEmpty()) {
            return PlanShape.GATEWAY_ONLY;
        }
        if (plan instanceof EngineFragment) {
            return PlanShape.ROUTE;
        }
        long engines = fragments.stream().map(fragment -> fragment.spec().engine()).distinct().count();
        return engines == 1 && fragments.size() == 1 ? PlanShape.ENGINE_AND_GATEWAY : PlanShape.SPLIT;
    }

    private static List<Column> columns(RelDataType rowType) {
        return rowType.getFieldList().stream()
                .map(field -> new Column(field.getName(), typeName(field.getType())))
                .toList();
    }

    static String typeName(RelDataType type) {
        SqlTypeName name = type.getSqlTypeName();
        return switch (name) {
            case DECIMAL -> "DECIMAL(" + type.getPrecision() + "," + type.getScale() + ")";
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> "TIMESTAMP WITH LOCAL TIME ZONE";
            default -> name.getName();
        };
    }

    private static String firstWord(String sql) {
        String trimmed = sql.stripLeading();
        int end = 0;
        while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
            end++;
        }
        return trimmed.substring(0, end).toUpperCase(java.util.Locale.ROOT);
    }
}
