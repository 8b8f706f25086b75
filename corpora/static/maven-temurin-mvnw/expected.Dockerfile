FROM eclipse-temurin:17-jdk AS builder

RUN useradd --system --create-home spring
WORKDIR /opt/app
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B dependency:resolve
COPY src ./src
RUN ./mvnw -B package -DskipTests && cp target/*.jar application.jar

USER spring

FROM eclipse-temurin:17-jre

RUN useradd --system --create-home spring
WORKDIR /opt/app
COPY --from=builder /opt/app/application.jar /opt/app/application.jar

USER spring
CMD ["java", "-jar", "/opt/app/application.jar"]
