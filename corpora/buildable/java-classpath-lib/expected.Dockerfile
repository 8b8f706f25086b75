FROM eclipse-temurin:17-jdk AS builder

WORKDIR /usr/local/wrapcli
COPY . .
RUN ./build.sh

ENV CLASSPATH=/usr/local/wrapcli/dist/wrapcli.jar:/usr/local/wrapcli/dist/textlib.jar

FROM eclipse-temurin:17-jre
LABEL org.opencontainers.image.description="Word wrapping CLI"

WORKDIR /usr/local/wrapcli
COPY --from=builder /usr/local/wrapcli/dist/textlib.jar /usr/local/wrapcli/dist/textlib.jar
COPY --from=builder /usr/local/wrapcli/dist/wrapcli.jar /usr/local/wrapcli/dist/wrapcli.jar

ENV CLASSPATH=/usr/local/wrapcli/dist/wrapcli.jar:/usr/local/wrapcli/dist/textlib.jar
ENTRYPOINT ["java", "org.example.cli.Main"]
CMD ["24"]
