# syntax=docker/dockerfile:1.4
FROM eclipse-temurin:17-jdk AS builder

WORKDIR /workspace/app
COPY gradlew .
COPY gradle gradle
COPY build.gradle settings.gradle ./
COPY src src
RUN --mount=type=cache,target=/root/.gradle ./gradlew bootJar --no-daemon \
    && mv build/libs/*.jar app.jar

ENV SPRING_PROFILES_ACTIVE=prod

FROM eclipse-temurin:17-jre

WORKDIR /workspace/app
COPY --from=builder /workspace/app/app.jar /workspace/app/app.jar

ENV SPRING_PROFILES_ACTIVE=prod
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "app.jar"]
