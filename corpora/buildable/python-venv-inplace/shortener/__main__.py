import hashlib
import sys

from itsdangerous import URLSafeSerializer

SECRET = "corpus-demo-secret"


def short_code(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()[:8]


def main(argv: list[str]) -> None:
    signer = URLSafeSerializer(SECRET, salt="links")
    for url in argv or ["https://example.org/docs/getting-started"]:
        token = signer.dumps({"code": short_code(url)})
        print(f"{short_code(url)} {url} signed={len(token) > 20}")


main(sys.argv[1:])
