package dev.junction.sql.plan;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Matches any subtree in an engine's convention and produces an {@link EngineFragment} that runs it there. */
public final class EngineFragmentRule extends ConverterRule {
    static EngineFragmentRule create(EngineConvention convention) {
        return Config.INSTANCE
                .withConversion(RelNode.class, convention, EnumerableConvention.INSTANCE,
                        "EngineFragmentRule:" + convention.engineName())
                .withRuleFactory(EngineFragmentRule::new)
                .toRule(EngineFragmentRule.class);
    }

    private EngineFragmentRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        return new EngineFragment(rel.getCluster(), rel.getTraitSet().replace(getOutTrait()), rel);
    }
}
