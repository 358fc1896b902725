#!/usr/bin/env bash
# Benchmarks zircon-ffm against C on the same libzircon.so, and against the JDK (issue 5).
#
#   scripts/bench.sh           # full run: about 5 minutes on 2 cores (at most 10)
#   scripts/bench.sh --quick   # about a minute: indicative only
#
# Builds the main artifact and the JMH benchmarks (bench/, one Maven reactor: nothing is
# installed into ~/.m2), extracts libzircon.so from that jar, builds the C baselines
# (bench/c) against it, then runs C and JMH in alternating passes, and prints one table of
# ratios. Results (table.md, jmh-N.json, c-N.txt) go to bench/target/results. How to read
# them: docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/jdk.sh

mode=""
limit=25m
case "${1:-}" in
  --quick) mode=--quick; limit=6m ;;
  "") ;;
  *) echo "usage: scripts/bench.sh [--quick]" >&2; exit 2 ;;
esac

target=bench/target
results=$target/results
mkdir -p "$target"
rm -rf "$results" "$target/native"

echo "zircon-ffm bench: building with JAVA_HOME=$JAVA_HOME (log: $target/build.log)"
if ! mvn -B -ntp -f bench/pom.xml -DskipTests package >"$target/build.log" 2>&1; then
  tail -n 40 "$target/build.log" >&2
  echo "zircon-ffm bench: the build failed (whole log: $target/build.log)" >&2
  exit 1
fi

# C and Java use one and the same libzircon.so: the one inside the jar under test.
jar=$(ls bench/jmh/target/lib/zircon-ffm-*.jar)
mkdir -p "$target/native"
(cd "$target/native" && "$JAVA_HOME/bin/jar" xf "../../../$jar" native/linux-x86_64/libzircon.so)
lib=$PWD/$target/native/native/linux-x86_64/libzircon.so
[ -f "$lib" ] || { echo "zircon-ffm bench: no native/linux-x86_64/libzircon.so in $jar" >&2; exit 1; }

# The C baselines: a program, and the same loops as a library that the JVM calls per batch.
cflags=(-std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -Iheaders)
link=(-L"$(dirname "$lib")" -lzircon -Wl,-rpath,"$(dirname "$lib")")
"${CC:-cc}" "${cflags[@]}" -o "$target/zxbench" bench/c/zxbench.c "${link[@]}"
"${CC:-cc}" "${cflags[@]}" -fPIC -shared -fvisibility=hidden -o "$target/libzxloops.so" bench/c/loops.c "${link[@]}"
# For diagnosis only (docs/PERFORMANCE.md): a libzircon.so whose calls do nothing.
"${CC:-cc}" "${cflags[@]}" -fPIC -shared -fvisibility=hidden -o "$target/libnullzircon.so" bench/c/nullzircon.c

# Bounded: JMH and the C rounds have fixed counts; the timeout only guards against a hang.
exec timeout "$limit" java --enable-native-access=ALL-UNNAMED -Dzircon.library="$lib" \
  -Dzxbench.loops="$PWD/$target/libzxloops.so" -cp "bench/jmh/target/classes:bench/jmh/target/lib/*" \
  dev.zirconffm.bench.BenchMain $mode --c "$target/zxbench" --lib "$lib" \
  --loops "$PWD/$target/libzxloops.so" --out "$results"
