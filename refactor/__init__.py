"""Split mono-stage Dockerfiles into a builder and a slim final stage."""

__version__ = "0.1.0"
