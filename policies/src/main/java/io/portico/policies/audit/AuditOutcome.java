package io.portico.policies.audit;

/** How a request ended, as its audit event records it. */
public enum AuditOutcome {
    /** Answered in full. */
    OK,
    /** Answered, with some fields withheld or some datasets failed (errors beside data). */
    PARTIAL,
    /** Refused before any port was called (bad query, forbidden filter or ordering, no credentials...). */
    REFUSED,
    /** Failed. */
    ERROR
}
