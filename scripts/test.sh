#!/usr/bin/env bash
# Builds zircon-ffm, runs every test, and installs the artifact (the jar with the emulator inside,
# its sources and its javadoc) in the local Maven repository: `mvn install` on a JDK 22+ found by
# scripts/lib/jdk.sh. Then builds, tests and runs examples/, a separate project that depends on
# that artifact by its coordinates, as any user's project would.
# Extra arguments go to the first Maven run (e.g. scripts/test.sh -Dtest=AbiTest); -q also quiets the second.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/jdk.sh
echo "zircon-ffm: testing with JAVA_HOME=$JAVA_HOME"
mvn -B -ntp install "$@"

# The version just installed: the first <version> after the project's own <artifactId>.
version=$(sed -n '/<artifactId>zircon-ffm<\/artifactId>/,$ s|^ *<version>\(.*\)</version>.*|\1|p' pom.xml | head -n 1)
quiet=()
for arg in "$@"; do
  case "$arg" in -q|--quiet) quiet=(-q) ;; esac
done
echo "zircon-ffm: building, testing and running examples/ with dev.zirconffm:zircon-ffm:$version"
mvn -B -ntp "${quiet[@]}" -f examples/pom.xml -Dzircon-ffm.version="$version" verify exec:exec
