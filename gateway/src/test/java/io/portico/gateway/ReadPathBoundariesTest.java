package io.portico.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Keeps the read path front-door neutral: planning, policy enforcement, port calls and the dataset reader know
 * nothing of GraphQL (graphql-java, DataLoader, DGS, Spring for GraphQL, nor the gateway's own {@code graphql}
 * package), so the GraphQL API and the Flight SQL endpoint read through the same code. Checked on the compiled
 * classes, so a fully qualified name or a transitive signature counts as much as an import.
 */
class ReadPathBoundariesTest {

    private static final String[] READ_PATH = {
        "io.portico.gateway.plan..", "io.portico.gateway.policy..", "io.portico.gateway.port..",
        "io.portico.gateway.read.."};
    private static final String[] GRAPHQL = {
        "graphql..", "org.dataloader..", "com.netflix.graphql..", "org.springframework.graphql..",
        "io.portico.gateway.graphql.."};

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.portico.gateway");

    @Test
    void readPathNeverDependsOnGraphQl() {
        ArchRule rule = noClasses().that().resideInAnyPackage(READ_PATH)
                .should().dependOnClassesThat().resideInAnyPackage(GRAPHQL)
                .because("the read path serves every front door (issue 10); GraphQL adapters live in"
                        + " io.portico.gateway.graphql");

        rule.check(GATEWAY);
    }

    @Test
    void theRuleSeesRealClassesOnBothSides() {
        assertThat(GATEWAY.containPackage("io.portico.gateway.read")).isTrue();
        assertThat(GATEWAY.get("io.portico.gateway.read.DatasetReader").getDirectDependenciesFromSelf())
                .as("the reader is checked, and depends on the planner").isNotEmpty()
                .anyMatch(dependency -> dependency.getTargetClass().getPackageName().equals("io.portico.gateway.plan"));
        assertThat(GATEWAY.get("io.portico.gateway.graphql.DatasetFetcher").getDirectDependenciesFromSelf())
                .as("positive control: the GraphQL adapter does depend on graphql-java")
                .anyMatch(dependency -> dependency.getTargetClass().getPackageName().startsWith("graphql"));
    }
}
