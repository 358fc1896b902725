#!/usr/bin/env bash
# Builds zircon-ffm (without tests) and runs the demo from the jar, whose packaged emulator
# (native/PLATFORM/libzircon.so) is extracted and loaded: dev.zirconffm.demo.Demo.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/jdk.sh
mvn -B -q -ntp -DskipTests package
jars=(target/zircon-ffm-*.jar)
exec java --enable-native-access=dev.zirconffm -p "${jars[0]}" -m dev.zirconffm/dev.zirconffm.demo.Demo
