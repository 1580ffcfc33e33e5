/**
 * Audit events: one {@link AuditEvent} per request, with no data values, recorded by an {@link AuditSink} (JSON
 * lines by default).
 */
package io.portico.policies.audit;
