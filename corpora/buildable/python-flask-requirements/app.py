import os

from flask import Flask, jsonify

app = Flask(__name__)
NOTES = ["buy milk", "ship the release", "water the plants"]


@app.get("/health")
def health():
    return "ok\n"


@app.get("/notes")
def notes():
    return jsonify(notes=NOTES, count=len(NOTES))


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ["PORT"]))
