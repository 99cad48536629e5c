# syntax=docker/dockerfile:1
# Cairn: one image for every role (cairn server, cairn server --peers ..., cairn node).
#   docker build -t cairn .
#   docker run -p 9000:9000 -v cairn-data:/data -e CAIRN_ROOT_USER=... -e CAIRN_ROOT_PASSWORD=... cairn
# A 4-node cluster: docker compose up (docker-compose.yml, docs/CLUSTER.md).

# ---- build: JDK 17 and Maven; only the modules the binary needs, tests run in CI instead ----
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY erasure/pom.xml erasure/
COPY placement/pom.xml placement/
COPY presign/pom.xml presign/
COPY tls/pom.xml tls/
COPY storage-node/pom.xml storage-node/
COPY object/pom.xml object/
COPY cluster/pom.xml cluster/
COPY s3-gateway/pom.xml s3-gateway/
COPY cli/pom.xml cli/
COPY integration-tests/pom.xml integration-tests/
COPY erasure/src erasure/src
COPY placement/src placement/src
COPY presign/src presign/src
COPY tls/src tls/src
COPY storage-node/src storage-node/src
COPY object/src object/src
COPY cluster/src cluster/src
COPY s3-gateway/src s3-gateway/src
COPY cli/src cli/src
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests -pl cli -am package

# ---- runtime: JRE 17 only, unprivileged user, drives on a volume ----
FROM eclipse-temurin:17-jre
# The drive directories exist in the image, owned by cairn: a new named volume mounted on one of them takes
# that owner (Docker copies the image's directory into an empty volume), so one volume per drive works.
RUN groupadd --system cairn \
 && useradd --system --gid cairn --home-dir /var/lib/cairn --shell /usr/sbin/nologin cairn \
 && mkdir -p /data/d1 /data/d2 /data/d3 /data/d4 /opt/cairn \
 && chown -R cairn:cairn /data
COPY --from=build /src/cli/target/cairn.jar /opt/cairn/cairn.jar
COPY --chmod=0755 docker/healthcheck.sh /opt/cairn/healthcheck.sh
USER cairn
WORKDIR /var/lib/cairn
VOLUME ["/data"]
# 9000: S3; 9100: node protocol between the processes of a cluster.
EXPOSE 9000 9100
# Which endpoint answers "alive": the gateway's /-/health/live on the S3 port, on 127.0.0.1 inside the
# container (the gateway listens on 0.0.0.0). Not the node protocol: a cluster node binds its own network
# address, not 127.0.0.1.
ENV CAIRN_HEALTH_PORT=9000 CAIRN_HEALTH_PATH=/-/health/live
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 CMD ["/opt/cairn/healthcheck.sh"]
# The node JVM flags are the ones the launcher and the process-level tests use: a cap on the JDK's
# per-thread cache of direct buffers, which would otherwise keep one stripe-sized buffer per I/O thread.
# The heap is half the container's memory limit: direct buffers (Netty's and the JDK's, bounded by default
# by the heap size but used far less), metaspace, compiled code and thread stacks need the rest.
ENTRYPOINT ["java", "-Djdk.nio.maxCachedBufferSize=262144", "-XX:MaxRAMPercentage=50", \
            "--add-modules", "jdk.incubator.vector", "-jar", "/opt/cairn/cairn.jar"]
CMD ["server", "--address", "0.0.0.0:9000", "--data", "/data", "--drives", "4"]
