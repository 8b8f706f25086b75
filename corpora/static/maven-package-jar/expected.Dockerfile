FROM maven:3.9-eclipse-temurin-17 AS builder

WORKDIR /usr/src/app
COPY pom.xml .
COPY src ./src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre

WORKDIR /usr/src/app
COPY --from=builder /usr/src/app/target/orders-service-1.0.0.jar /usr/src/app/target/orders-service-1.0.0.jar

EXPOSE 8080
CMD ["java", "-jar", "target/orders-service-1.0.0.jar"]
