package io.portico.gateway.sql;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps the SQL translation a front-door-neutral piece, as {@code ReadPathBoundariesTest} keeps the read path: it
 * knows nothing of Arrow Flight (the endpoint does), Spring, nor GraphQL.
 */
class SqlPackageBoundariesTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.portico.gateway");

    @Test
    void sqlTranslationNeverDependsOnFlightSpringOrGraphQl() {
        noClasses().that().resideInAPackage("io.portico.gateway.sql..")
                .should().dependOnClassesThat().resideInAnyPackage("graphql..", "org.dataloader..",
                        "com.netflix.graphql..", "org.springframework..", "org.apache.arrow.flight..",
                        "io.portico.gateway.graphql..")
                .because("SQL is parsed into the read path's request model, which every front door shares")
                .check(GATEWAY);
    }

    @Test
    void theRuleSeesTheSqlClasses() {
        assertThat(GATEWAY.get("io.portico.gateway.sql.SqlStatements").getDirectDependenciesFromSelf())
                .anyMatch(dependency -> dependency.getTargetClass().getPackageName().equals("io.portico.gateway.sql"));
    }
}
