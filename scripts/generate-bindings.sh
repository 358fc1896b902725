#!/usr/bin/env bash
# Regenerates the jextract bindings of zircon-ffm from headers/zircon/ and the
# options in jextract/.
#
#   scripts/generate-bindings.sh          replace src/generated/java with jextract's output
#   scripts/generate-bindings.sh --check  regenerate into a temporary folder; exit 1 and list
#                                         the files that differ from the committed ones
#
# jextract is taken from $JEXTRACT, else from PATH. Use a jextract whose output
# targets JDK 22 (it looks symbols up with find(...).orElseThrow, not JDK 23's
# findOrThrow), so that the generated code compiles with --release 22.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
generated=src/generated/java
package_dir=dev/zirconffm/internal/bindings

mode=write
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

jextract=${JEXTRACT:-}
if [ -z "$jextract" ]; then
  jextract=$(command -v jextract || true)
fi
if [ -z "$jextract" ] || [ ! -x "$jextract" ]; then
  echo "error: no jextract found: \$JEXTRACT is ${JEXTRACT:-unset} and there is no jextract on PATH." >&2
  echo "Install jextract (its output must target JDK 22) and set JEXTRACT=/path/to/bin/jextract." >&2
  exit 1
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Run from the repository root so that paths in the generated sources never name
# the machine's folders.
cd "$root"
"$jextract" @jextract/options.txt @jextract/includes.txt \
  -I headers --output "$out" jextract/zircon-ffm.h

if [ "$mode" = check ]; then
  if diff -r -q "$out/$package_dir" "$generated/$package_dir" >"$out.diff" 2>&1; then
    echo "ok: $generated/$package_dir is exactly what $jextract makes."
    rm -f "$out.diff"
    exit 0
  fi
  echo "error: the committed bindings differ from what $jextract makes:" >&2
  sed "s#$out/##" "$out.diff" >&2
  rm -f "$out.diff"
  exit 1
fi

rm -rf "${generated:?}/$package_dir"
mkdir -p "$generated/$package_dir"
cp "$out/$package_dir"/*.java "$generated/$package_dir/"
echo "wrote $(ls "$generated/$package_dir" | wc -l) files to $generated/$package_dir"
