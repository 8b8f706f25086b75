FROM python:3.11
ONBUILD COPY --chown=app requirements.txt /app/
ONBUILD RUN pip install -r /app/requirements.txt
onbuild run ["python", "-m", "compileall", "/app"]
ONBUILD RUN <<EOF
echo heredoc inside ONBUILD
EOF
