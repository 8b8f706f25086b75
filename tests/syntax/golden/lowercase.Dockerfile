from python:3.11 as Build
workdir /app
run pip install --no-cache-dir -r requirements.txt
Copy . .
cmd ["python", "app.py"]
