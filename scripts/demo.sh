#!/usr/bin/env bash
# Builds zircon-ffm (without tests) and runs the demo from the jar, whose packaged emulator
# (native/PLATFORM/libzircon.so) is extracted and loaded: dev.zirconffm.demo.Demo.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/jdk.sh
mvn -B -q -ntp -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true package
for j in target/zircon-ffm-*.jar; do
  case "$j" in *-sources.jar|*-javadoc.jar) ;; *) jar=$j ;; esac  # the main jar, not its companions
done
exec java --enable-native-access=dev.zirconffm -p "$jar" -m dev.zirconffm/dev.zirconffm.demo.Demo
