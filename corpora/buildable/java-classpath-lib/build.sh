#!/bin/sh
# Build the text library jar, then the CLI jar against it.
set -eu
mkdir -p out/lib out/app dist
javac -d out/lib $(find lib/src -name '*.java')
jar cf dist/textlib.jar -C out/lib .
javac -cp dist/textlib.jar -d out/app $(find app/src -name '*.java')
jar cf dist/wrapcli.jar -C out/app .
