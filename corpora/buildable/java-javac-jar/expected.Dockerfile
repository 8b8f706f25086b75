FROM eclipse-temurin:17-jdk AS builder

WORKDIR /app
COPY src/ src/
RUN javac -d classes src/Fizz.java \
    && jar --create --file fizz.jar --main-class Fizz -C classes .

FROM eclipse-temurin:17-jre

WORKDIR /app
COPY --from=builder /app/fizz.jar /app/fizz.jar

CMD ["java", "-jar", "fizz.jar", "15"]
