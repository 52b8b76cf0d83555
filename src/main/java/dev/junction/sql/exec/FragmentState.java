package dev.junction.sql.exec;

/** Where a fragment is in its life. */
public enum FragmentState {
    RUNNING,
    FINISHED,
    FAILED,
    /** Stopped on its engine because the query was cancelled or ran out of time. */
    CANCELLED,
    /** Stopped on its engine because the plan needed no more of its rows (a LIMIT reached, a merge join done). */
    STOPPED
}
