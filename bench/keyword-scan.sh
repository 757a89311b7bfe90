#!/usr/bin/env bash
# Keyword scan MB/s on one thread (JMH): Aho-Corasick against a regex alternation, 10 / 1,000 / 10,000 keywords,
# adversarial and mail-like text; then normalization MB/s. Read the ":megabytes" rows (MB/s).
#   ./bench/keyword-scan.sh [extra JMH options, e.g. -p text=mail]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -pl benchmarks -am -DskipTests package
java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main \
    'KeywordScanBenchmark|NormalizeBenchmark' "$@"
