/**
 * Reads policy files (YAML, format version 1) into a {@code PolicySet}, strictly and all or nothing:
 * {@link PolicyParser}, every problem reported as a {@link PolicyProblem}.
 */
package io.portico.policies.parse;
