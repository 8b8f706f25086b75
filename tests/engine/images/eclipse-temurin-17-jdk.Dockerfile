# Like eclipse-temurin:17-jdk, on Debian rather than Ubuntu: Debian's OpenJDK 17
# (openjdk-17-jdk-headless) at the official JAVA_HOME.
FROM debian:bookworm-slim
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 \
    JAVA_VERSION=jdk-17 \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
# The JDK's postinst registers man pages with update-alternatives, which fails
# when the slim base has no /usr/share/man/man1.
RUN set -eux; \
    mkdir -p /usr/share/man/man1; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        binutils ca-certificates curl p11-kit tzdata wget openjdk-17-jdk-headless; \
    rm -rf /var/lib/apt/lists/*; \
    mkdir -p /opt/java; \
    ln -s "/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)" "$JAVA_HOME"; \
    javac -version; java -version
CMD ["jshell"]
