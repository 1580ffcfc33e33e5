# The Portico gateway image, from the jar the Maven build leaves in gateway/target.
# Build the jars first (./portico build), then, from the repository root:
#   docker compose build        (or: docker build -f docker/gateway.Dockerfile .)
FROM eclipse-temurin:25-jre

# Must equal the project version in the root pom.xml (DockerComposeTest checks it).
ARG PORTICO_VERSION=0.1.0-SNAPSHOT

RUN groupadd --system portico && useradd --system --gid portico --home-dir /app portico
WORKDIR /app
COPY gateway/target/portico-gateway-${PORTICO_VERSION}-exec.jar /app/portico-gateway.jar
USER portico

EXPOSE 8080

# Arrow needs java.nio opened and, on JDK 24+, Unsafe memory access allowed (Netty 4.2); DuckDB loads natives.
# Extra JVM options (heap size, ...) go in JAVA_TOOL_OPTIONS; Spring settings in environment variables or arguments.
ENTRYPOINT ["java", \
  "--add-opens=java.base/java.nio=ALL-UNNAMED", \
  "--enable-native-access=ALL-UNNAMED", \
  "--sun-misc-unsafe-memory-access=allow", \
  "-Dorg.jooq.no-logo=true", \
  "-Dorg.jooq.no-tips=true", \
  "-jar", "/app/portico-gateway.jar"]
