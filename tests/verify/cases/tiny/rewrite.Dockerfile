FROM debian:bookworm AS builder
WORKDIR /app
COPY message.txt ./
RUN mkdir -p /app/bin && cp /usr/bin/cat /app/bin/show

FROM scratch
COPY --from=builder /lib64/ld-linux-x86-64.so.2 /lib64/ld-linux-x86-64.so.2
COPY --from=builder /lib/x86_64-linux-gnu/libc.so.6 /lib/x86_64-linux-gnu/libc.so.6
WORKDIR /app
COPY --from=builder /app /app
ENV GREETING=hello
CMD ["/app/bin/show", "/app/message.txt"]
