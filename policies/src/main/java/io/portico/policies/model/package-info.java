/**
 * The policy model: a {@link PolicySet} of {@link PolicyRule}s (who, what, and a field effect or a row filter) and
 * {@link PolicyDefaults}. Immutable values, read from YAML by {@code io.portico.policies.parse}; docs/policies.md
 * describes the model.
 */
package io.portico.policies.model;
