/**
 * Where the policy set in force lives and how it changes: {@link PolicyStore} (an atomic reference to a whole set),
 * {@link PolicyDirectory} and {@link ClasspathPolicies} (loading), {@link PolicyDirectoryWatcher} (reloading,
 * keeping the good set when the new one is bad).
 */
package io.portico.policies.store;
