from python:3.11 as builder
workdir /app
copy requirements.txt .
run python -m venv /opt/venv
env VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
run pip install --no-cache-dir -r requirements.txt
Copy . .
env FLASK_APP=app.py

from python:3.11-slim
workdir /app
copy --from=builder /opt/venv /opt/venv
copy --from=builder /app /app
env PATH=/opt/venv/bin:$PATH
env FLASK_APP=app.py
expose 5000
cmd ["flask", "run", "--host=0.0.0.0"]
