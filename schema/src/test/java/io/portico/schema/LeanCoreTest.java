package io.portico.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps {@code schema} a lean core (CONVENTIONS.md): nothing of Spring, the servlet API or DGS may reach its
 * runtime classpath, not even transitively, so the gateway's framework never leaks into contracts and types.
 * Like graphql-java's {@code GuavaLimitCheck}, a dependency added by mistake fails the build here.
 */
class LeanCoreTest {

    @Test
    void runtimeClasspathHasNoSpringServletOrDgsJar() {
        List<String> entries = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));

        assertThat(entries).as("the classpath is the real one (positive control)")
                .anyMatch(entry -> fileName(entry).startsWith("arrow-vector"));
        assertThat(entries).filteredOn(LeanCoreTest::isForbidden).as("Spring, servlet or DGS jars").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"org.springframework.core.SpringVersion", "jakarta.servlet.Servlet",
        "javax.servlet.Servlet", "com.netflix.graphql.dgs.DgsComponent"})
    void frameworkClassesCannotBeLoaded(String className) {
        assertThatThrownBy(() -> Class.forName(className, false, LeanCoreTest.class.getClassLoader()))
                .isInstanceOf(ClassNotFoundException.class);
    }

    static boolean isForbidden(String entry) {
        String path = entry.replace(File.separatorChar, '/');
        String name = fileName(entry);
        return path.contains("/org/springframework/") || path.contains("/jakarta/servlet/")
                || path.contains("/javax/servlet/") || path.contains("/com/netflix/graphql/dgs/")
                || name.startsWith("spring-") || name.contains("servlet") || name.startsWith("graphql-dgs")
                || name.startsWith("dgs-");
    }

    private static String fileName(String entry) {
        Path name = Path.of(entry).getFileName();
        return name == null ? "" : name.toString();
    }
}
