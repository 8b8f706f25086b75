FROM debian:bookworm
# a comment above RUN travels with it
RUN apt-get update \
# a comment inside the continuation is dropped
    && apt-get install -y \

       curl \   
       ca-certificates \
    && rm -rf /var/lib/apt/lists/*
RUN echo one \\
RUN echo two \
FROM alpine
RUN echo done \
