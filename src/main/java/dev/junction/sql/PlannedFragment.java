package dev.junction.sql;

import dev.junction.sql.exec.FragmentSpec;

import java.util.Objects;

/**
 * A fragment as planned: what it runs and how many rows the planner expects from it.
 *
 * @param spec the engine and the SQL sent to it
 * @param estimatedRows the planner's estimate of the rows it returns
 * @param replayed whether the plan reads its rows more than once (the inner input of a nested loop), so that
 *     the gateway holds them after one run instead of running the fragment again
 * @param held whether the gateway holds its rows, or rows made of them, while the query runs (the build side of
 *     a hash join, the input of a sort, a window or a set operation), so that they count against the query's
 *     memory limit
 */
public record PlannedFragment(FragmentSpec spec, double estimatedRows, boolean replayed, boolean held) {
    public PlannedFragment {
        Objects.requireNonNull(spec, "spec");
    }
}
