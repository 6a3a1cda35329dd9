#!/usr/bin/env bash
# Regenerates torch4j's op surface from the operator schemas of the libtorch that the pom's binding ships:
# src/main/java/dev/torch4j/{internal/Aten,TensorMethods,TorchFunctions,Linalg,Special,Fft}.java,
# nn/NativeFunctional.java, returntypes/*.java and tools/codegen/report.txt. Needs only a JDK and Maven.
set -euo pipefail
cd "$(dirname "$0")/../.."
cp_file=$(mktemp)
out=$(mktemp -d)
trap 'rm -rf "$cp_file" "$out"' EXIT
mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
javac -q -d "$out" -cp "$(cat "$cp_file")" tools/codegen/*.java 2>/dev/null || javac -d "$out" -cp "$(cat "$cp_file")" tools/codegen/*.java
java -cp "$out:$(cat "$cp_file")" codegen.Generate .
