#!/usr/bin/env bash
# DKIM signatures per second on one thread, per algorithm (JMH): rsa-2048, rsa-4096, ed25519.
#   ./bench/dkim-sign.sh [extra JMH options]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -pl benchmarks -am -DskipTests package
java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main DkimSignBenchmark "$@"
