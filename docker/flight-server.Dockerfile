# A Portico reference output port (Arrow Flight SQL over DuckDB), from the runnable jar (classifier exec)
# the Maven build leaves in flight-server/target. Build the jars first (./portico build), then, from the
# repository root: docker compose build   (or: docker build -f docker/flight-server.Dockerfile .)
# The arguments (contract, port, demo data) come from the compose file's command.
FROM eclipse-temurin:25-jre

# Must equal the project version in the root pom.xml (DockerComposeTest checks it).
ARG PORTICO_VERSION=0.1.0-SNAPSHOT

RUN groupadd --system portico && useradd --system --gid portico --home-dir /app portico \
  && mkdir -p /data && chown portico:portico /data
WORKDIR /app
COPY flight-server/target/portico-flight-server-${PORTICO_VERSION}-exec.jar /app/portico-flight-server.jar
USER portico

VOLUME ["/data"]
EXPOSE 31337

# Arrow needs java.nio opened and, on JDK 24+, Unsafe memory access allowed (Netty 4.2); DuckDB loads natives.
ENTRYPOINT ["java", \
  "--add-opens=java.base/java.nio=ALL-UNNAMED", \
  "--enable-native-access=ALL-UNNAMED", \
  "--sun-misc-unsafe-memory-access=allow", \
  "-Dorg.jooq.no-logo=true", \
  "-Dorg.jooq.no-tips=true", \
  "-jar", "/app/portico-flight-server.jar"]
