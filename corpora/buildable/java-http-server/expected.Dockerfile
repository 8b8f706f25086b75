FROM eclipse-temurin:17-jdk AS builder

RUN groupadd -r greeter && useradd -r -g greeter greeter
WORKDIR /opt/greeter

COPY src ./src
RUN mkdir -p build \
    && javac -d build $(find src -name '*.java') \
    && jar cfe greeter.jar org.example.greeter.Server -C build .

USER greeter
ENV PORT=18401 JAVA_TOOL_OPTIONS="-Xmx128m"

FROM eclipse-temurin:17-jre

RUN groupadd -r greeter && useradd -r -g greeter greeter
WORKDIR /opt/greeter

COPY --from=builder /opt/greeter/greeter.jar /opt/greeter/greeter.jar

USER greeter
ENV PORT=18401 JAVA_TOOL_OPTIONS="-Xmx128m"
EXPOSE 18401
ENTRYPOINT ["java", "-jar", "/opt/greeter/greeter.jar"]
