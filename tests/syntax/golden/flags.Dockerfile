FROM --platform=$BUILDPLATFORM golang:1.19 AS build
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=bind,source=.,target=/src --network=none go build -o /out/app ./cmd/app
RUN --security=insecure --mount=type=secret,id="my token" cat /run/secrets/my
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tar.gz /a.tar.gz
FROM gcr.io/distroless/static-debian12
COPY --from=build --chown=nonroot:nonroot --chmod=0755 --link /out/app /app
COPY --from build /out/app /app2
COPY -- --weird-name /dest
HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD ["/app", "health"]
ENTRYPOINT ["/app"]
