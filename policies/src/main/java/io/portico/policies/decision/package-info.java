/**
 * Decisions: {@link PolicyEvaluator#decide} is the pure function (subject, registry snapshot, policy set) to
 * {@link Decisions}; {@link DecisionCache} shares the result between requests.
 */
package io.portico.policies.decision;
