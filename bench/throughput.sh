#!/usr/bin/env bash
# SMTP throughput of stock James, James + DKIMSign, and Sendguard variants, in one run (see
# distribution/src/test/java/io/sendguard/e2e/bench/ThroughputBenchmark.java).
#   ./bench/throughput.sh [mails=400] [connections=4] [rounds=3]
# Options through the environment: BENCH_ONLY=text[,text...] runs only the variants whose name contains one of them (and stock);
# BENCH_MODE=interleaved keeps every variant's James running and sends them batches in turn (ratios from batches seconds apart: steadier on a noisy machine);
# BENCH_FORKS=N (interleaved) runs N James processes per variant, stock included, and takes their means (one process's JIT luck lasts the whole run);
# BENCH_THREADS=true prints James's CPU per mail by thread group; BENCH_WARMUP=N mails before measuring; JAMES_JVM_ARGS="-XX:StartFlightRecording=filename=/tmp/james-%v.jfr,settings=profile" profiles James (%v: the variant's number).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# one reactor build: the modules the benchmark needs are resolved from this checkout (a fresh clone has none of them
# in ~/.m2), tests compiled (not run), and the test classpath of the distribution module written out
mvn -B -q -DskipTests -pl distribution -am package dependency:build-classpath \
    -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >/dev/null
# BENCH_JAMES_CPUS=1 runs James on CPU 1 and this client and the sink on the others (steadier ratios)
CLIENT=()
if [ -n "${BENCH_JAMES_CPUS:-}" ]; then
    others=$(python3 -c "import os; j=set(int(c) for c in '${BENCH_JAMES_CPUS}'.split(',')); print(','.join(str(c) for c in sorted(os.sched_getaffinity(0)) if c not in j))")
    CLIENT=(taskset -c "$others")
fi
"${CLIENT[@]}" java -Dsendguard.james.cpus="${BENCH_JAMES_CPUS:-}" -Dbench.mode="${BENCH_MODE:-}" -Dbench.forks="${BENCH_FORKS:-1}" -Dbench.only="${BENCH_ONLY:-}" -Dbench.threads="${BENCH_THREADS:-false}" -Dbench.warmup="${BENCH_WARMUP:-0}" -Dsendguard.james.jvmArgs="${JAMES_JVM_ARGS:-}" \
     -Dsendguard.james.home=distribution/target/james -Dsendguard.conf=conf \
     -cp "distribution/target/test-classes:$(cat distribution/target/bench.cp)" \
     io.sendguard.e2e.bench.ThroughputBenchmark "${1:-400}" "${2:-4}" "${3:-3}"
