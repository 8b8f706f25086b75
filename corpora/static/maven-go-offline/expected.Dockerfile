FROM maven:3.8.7-openjdk-18-slim AS builder
ARG MAVEN_OPTS="-Xmx512m"

WORKDIR /build
COPY settings.xml /root/.m2/settings.xml
COPY pom.xml .
RUN mvn -B dependency:go-offline
COPY src src
RUN mvn -B -o package -DskipTests && cp target/*.jar /app.jar

FROM eclipse-temurin:18-jre

WORKDIR /build
COPY --from=builder /app.jar /app.jar

ENTRYPOINT ["java", "-XX:+UseContainerSupport", "-jar", "/app.jar"]
