FROM debian:bookworm
RUN <<EOF
apt-get update
apt-get install -y python3
EOF
RUN <<-"INDENTED" bash
	set -e
	echo "no $EXPANSION here"
	INDENTED
COPY <<one.txt <<'two.txt' /files/
first file
one.txt
second file with $HOME kept
two.txt
RUN python3 <<PY > /out.txt
print("EOF is not the end here")
 PY
PY
RUN 3<<EOF cat <&3
fd three
EOF
CMD echo <<NOT-A-HEREDOC
