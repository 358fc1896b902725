# Sourced by the scripts: exports JAVA_HOME as a JDK 22 or newer, or exits with a clear error.
# Keeps a JAVA_HOME that is already 22+; else takes the newest 22+ JDK under /usr/lib/jvm.

jdk_feature_version() {  # prints the feature version (17, 22, 25...) of the JDK at $1
  local release="$1/release"
  [ -f "$release" ] || return 1
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

find_jdk22() {
  local v
  if [ -n "${JAVA_HOME:-}" ] && v=$(jdk_feature_version "$JAVA_HOME") && [ "${v:-0}" -ge 22 ]; then
    return 0
  fi
  local best="" best_v=0 dir
  for dir in /usr/lib/jvm/*/; do
    dir=${dir%/}
    v=$(jdk_feature_version "$dir") || continue
    if [ -x "$dir/bin/javac" ] && [ "${v:-0}" -ge 22 ] && [ "$v" -gt "$best_v" ]; then
      best=$dir best_v=$v
    fi
  done
  if [ -z "$best" ]; then
    echo "error: zircon-ffm needs a JDK 22 or newer; JAVA_HOME is '${JAVA_HOME:-unset}' and /usr/lib/jvm has none." >&2
    exit 1
  fi
  export JAVA_HOME=$best
}

find_jdk22
export PATH="$JAVA_HOME/bin:$PATH"
# Maven 3.8 itself uses sun.misc.Unsafe and JNI; keep JDK 24+'s warnings about it quiet.
if [ "$(jdk_feature_version "$JAVA_HOME")" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
fi
