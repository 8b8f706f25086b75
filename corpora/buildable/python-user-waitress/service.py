import os


def app(environ, start_response):
    if environ["PATH_INFO"] == "/ping":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"pong from waitress\n"]
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"no such page\n"]


if __name__ == "__main__":
    from waitress import serve

    serve(app, host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ["PORT"]))
