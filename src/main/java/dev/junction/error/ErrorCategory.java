package dev.junction.error;

/** Who is at fault for an error, which decides how each protocol reports it. */
public enum ErrorCategory {
    /** The request is wrong: bad SQL, unknown table, invalid metric event. */
    USER,
    /** An engine or another system Junction depends on failed or is unreachable. */
    EXTERNAL,
    /** A limit was reached: time, memory, size. */
    RESOURCES,
    /** A defect in Junction itself. */
    INTERNAL
}
