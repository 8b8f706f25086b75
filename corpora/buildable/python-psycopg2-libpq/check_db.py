"""Report which libpq the driver was built against; connect when DATABASE_URL is set."""

import os
import sys

import psycopg2
import psycopg2.extensions


def main() -> int:
    version = psycopg2.extensions.libpq_version()
    print(f"psycopg2 {psycopg2.__version__.split()[0]} linked to libpq {version}")
    url = os.environ.get("DATABASE_URL")
    if not url:
        print("no DATABASE_URL, skipping the connection check")
        return 0
    with psycopg2.connect(url, connect_timeout=3) as conn:
        print("server", conn.server_version)
    return 0


if __name__ == "__main__":
    sys.exit(main())
