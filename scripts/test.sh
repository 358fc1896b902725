#!/usr/bin/env bash
# Builds zircon-ffm and runs every test: `mvn verify` on a JDK 22+ found by scripts/lib/jdk.sh.
# Extra arguments go to Maven (e.g. scripts/test.sh -Dtest=AbiConstantsTest).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/jdk.sh
echo "zircon-ffm: testing with JAVA_HOME=$JAVA_HOME"
exec mvn -B -ntp verify "$@"
