FROM gradle:8.5-jdk17 AS builder

COPY --chown=gradle:gradle . /home/gradle/project
WORKDIR /home/gradle/project
RUN gradle build --no-daemon -x test

FROM eclipse-temurin:17-jre

COPY --from=builder /home/gradle/project/build/libs/inventory.jar /home/gradle/project/build/libs/inventory.jar
WORKDIR /home/gradle/project

EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/home/gradle/project/build/libs/inventory.jar"]
