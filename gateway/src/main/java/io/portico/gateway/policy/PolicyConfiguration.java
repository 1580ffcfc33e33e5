package io.portico.gateway.policy;

import io.portico.gateway.demo.DemoProperties;
import io.portico.gateway.metrics.RequestMeters;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.usage.UsageProperties;
import io.portico.gateway.usage.UsageRecorder;
import io.portico.policies.audit.AuditSink;
import io.portico.policies.audit.AuditSinks;
import io.portico.policies.audit.JsonLinesAuditSink;
import io.portico.policies.decision.DecisionCache;
import io.portico.policies.model.PolicySet;
import io.portico.policies.store.ClasspathPolicies;
import io.portico.policies.store.LoadedPolicySet;
import io.portico.policies.store.PolicyDirectory;
import io.portico.policies.store.PolicyDirectoryWatcher;
import io.portico.policies.store.PolicyReloadListener;
import io.portico.policies.store.PolicyStore;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Field-level policies in the gateway: the policy set in force (from {@code portico.policies.directory}, reloaded
 * when it changes; else the demo's set in the demo; else none), the decision cache, the deployment secret's keys,
 * and the audit sink (the GraphQL interceptor that pins a policy per request and audits it is in
 * {@code io.portico.gateway.graphql.GraphQlConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class PolicyConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyConfiguration.class);

    /**
     * The policy set in force. A directory's set is checked at start: a bad set stops the gateway with every
     * problem listed (there is no earlier good set to keep); later a bad change keeps the set in force.
     */
    @Bean
    public PolicyStore policyStore(PoliciesProperties policies, DemoProperties demo) {
        if (policies.directory() != null) {
            PolicySet set = PolicyDirectory.load(policies.directory());
            LOG.info("policies: {} rule(s) from {}, reloaded when they change", set.rules().size(),
                    policies.directory().toAbsolutePath());
            return new PolicyStore(LoadedPolicySet.of(set, Clock.systemUTC().instant(),
                    List.of(policies.directory().toString())));
        }
        if (demo.enabled()) {
            PolicySet demoSet = ClasspathPolicies.demo();
            LOG.info("policies: the demo's set ({} rules, classpath:{})", demoSet.rules().size(),
                    ClasspathPolicies.DEMO);
            return new PolicyStore(LoadedPolicySet.of(demoSet, Clock.systemUTC().instant(),
                    List.of("classpath:" + ClasspathPolicies.DEMO)));
        }
        LOG.warn("no policies configured (portico.policies.directory): every field of every dataset is visible to"
                + " every caller");
        return new PolicyStore(LoadedPolicySet.of(PolicySet.EMPTY, Clock.systemUTC().instant(), List.of()));
    }

    /**
     * Reloads the directory's policies when its files change, refusing a set whose row filters follow relationships
     * the registry does not declare ({@link RelatedFilterStartCheck#reloadCheck}); absent without a directory.
     */
    @Bean(destroyMethod = "close")
    public PolicyDirectoryWatcherHolder policyDirectoryWatcher(PoliciesProperties policies, PolicyStore store,
            PortRegistry registry) {
        if (policies.directory() == null) {
            return new PolicyDirectoryWatcherHolder(null);
        }
        return new PolicyDirectoryWatcherHolder(PolicyDirectoryWatcher.start(policies.directory(), store,
                policies.reloadInterval(), PolicyReloadListener.LOGGING,
                RelatedFilterStartCheck.reloadCheck(registry, policies.relatedFilter().crossPort())));
    }

    /** The set in force at start checked against the registry once it is loaded: a bad one stops the gateway. */
    @Bean
    public RelatedFilterStartCheck relatedFilterStartCheck(PolicyStore store, PortRegistry registry,
            PoliciesProperties policies) {
        return new RelatedFilterStartCheck(store, registry, policies.relatedFilter().crossPort());
    }

    @Bean
    public DeploymentSecret deploymentSecret(PoliciesProperties policies, DemoProperties demo) {
        return DeploymentSecret.resolve(policies.secret(), demo.enabled() ? demo.dataDir() : null);
    }

    @Bean
    public QueryPolicies queryPolicies(PolicyStore store, DeploymentSecret secret, PoliciesProperties policies) {
        return new QueryPolicies(store, new DecisionCache(policies.decisionCacheSize()), secret.hashKey());
    }

    /**
     * JSON lines to {@code portico.policies.audit-log}, else to the {@code io.portico.audit} logger; every event also
     * counted as usage ({@link UsageRecorder}) unless {@code portico.usage.enabled} is false, and measured
     * ({@link RequestMeters}).
     */
    @Bean(destroyMethod = "close")
    public AuditSink auditSink(PoliciesProperties policies, UsageProperties usage, UsageRecorder recorder,
            RequestMeters meters) {
        AuditSink sink;
        if (policies.auditLog() != null) {
            LOG.info("audit events go to {}", policies.auditLog().toAbsolutePath());
            sink = JsonLinesAuditSink.appendingTo(policies.auditLog());
        } else {
            sink = AuditSinks.logging();
        }
        return meters.decorate(usage.enabled() ? recorder.decorate(sink) : sink);
    }

    /** The directory watcher, or nothing; a bean must not be null. */
    public record PolicyDirectoryWatcherHolder(PolicyDirectoryWatcher watcher) implements AutoCloseable {

        @Override
        public void close() {
            if (watcher != null) {
                watcher.close();
            }
        }
    }
}
