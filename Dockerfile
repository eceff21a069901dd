# syntax=docker/dockerfile:1
#
# The lab on the official Apache Spark image — Spark 4.2.0, Scala 2.13, Java 17 (the bitnami images the
# original demo used are discontinued). docker-compose.yml runs this image as a master and a worker;
# docs/cluster.md walks through it.

# ---- build: the application jar, with the project's own Maven wrapper -------------------------------
FROM eclipse-temurin:17-jdk-jammy AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/ src/
# The cache mount keeps Maven's downloads between builds; tests run outside docker (./mvnw verify).
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package

# ---- run: Spark's own image, plus our jar and bin/ssp ------------------------------------------------
FROM apache/spark:4.2.0-scala2.13-java17-ubuntu
USER root
COPY --from=build /src/target/spark-streaming-lab-app.jar /opt/ssp/target/spark-streaming-lab-app.jar
COPY bin/ssp /opt/ssp/bin/ssp
COPY spark/spark-defaults.conf /opt/ssp/spark/spark-defaults.conf
COPY docker/spark-daemon.sh /opt/ssp/docker/spark-daemon.sh
# bin/ssp runs on the image's Spark jars plus ours (its classpath file says so); without src/ it never
# tries to rebuild. runs/ takes the jobs' metrics; conf/ gets spark-defaults.conf with the secret at start.
RUN set -eux; \
    printf '%s' '/opt/spark/jars/*:/opt/ssp/target/spark-streaming-lab-app.jar' > /opt/ssp/target/classpath.txt; \
    chmod 755 /opt/ssp/bin/ssp /opt/ssp/docker/spark-daemon.sh; \
    mkdir -p /opt/ssp/runs /opt/spark/conf; \
    chown -R spark:spark /opt/ssp/runs /opt/spark/conf; \
    chmod 700 /opt/spark/conf
ENV PATH=/opt/ssp/bin:/opt/spark/bin:$PATH
WORKDIR /opt/ssp
USER spark
