package io.portico.policies.store;

import java.lang.System.Logger.Level;

/**
 * Told what a {@link PolicyDirectoryWatcher} did. Called on the watcher's thread; keep it short.
 */
public interface PolicyReloadListener {

    /** Logs to the {@code io.portico.policies} system logger: reloads at INFO, refusals at WARNING. */
    PolicyReloadListener LOGGING = new PolicyReloadListener() {
        private final System.Logger logger = System.getLogger("io.portico.policies");

        @Override
        public void reloaded(LoadedPolicySet previous, LoadedPolicySet next) {
            logger.log(Level.INFO, () -> "policy set " + next.version() + " loaded from " + next.sources() + " ("
                    + next.set().rules().size() + " rules), replacing " + previous.version());
        }

        @Override
        public void rejected(LoadedPolicySet kept, FailedReload failure) {
            StringBuilder message = new StringBuilder("policy files changed but were refused; policy set ")
                    .append(kept.version()).append(" stays in force. ").append(failure.problems().size())
                    .append(" problem(s):");
            failure.problems().forEach(problem -> message.append("\n  ").append(problem));
            logger.log(Level.WARNING, message.toString());
        }
    };

    /** A new set is in force. */
    default void reloaded(LoadedPolicySet previous, LoadedPolicySet next) {
    }

    /** Changed files were refused (invalid, unreadable, or none left); {@code kept} stays in force. */
    default void rejected(LoadedPolicySet kept, FailedReload failure) {
    }
}
