#!/usr/bin/env bash
# CPU cost per mail of DKIM signing in the mailet container (JMH, one thread, no SMTP): no signing,
# James's DKIMSign rsa-2048, Sendguard's DkimSign rsa-2048 / ed25519 / dual, with and without verify.
#   ./bench/dkim-mailet.sh [extra JMH options]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -pl benchmarks -am -DskipTests package
java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main DkimMailetBenchmark "$@"
