/**
 * Field-level access policies of Portico, a lean core like {@code schema}: no Spring, no HTTP.
 *
 * <p>This module will hold the policy model read from {@code policies/*.yaml} (Apache Ranger's vocabulary: per
 * field allow, deny or mask; per dataset row filters over subject attributes; selectors by domain, dataset, field,
 * classification or tag; subjects by roles, groups and claims), the decisions taken for one request from a
 * single environment object, the mask functions applied to Arrow vectors after the cache ({@code redact},
 * {@code hash}, {@code show-last-4}, {@code show-first-4}, {@code null}, {@code year-only}), and the audit events
 * every decision emits.
 */
package io.portico.policies;
