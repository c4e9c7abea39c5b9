#!/usr/bin/env bash
# The install-list check can fail: a copy of scripts/common.sh with one package dropped must be
# refused with exit 1 and a line naming exactly that package and a file that needed it.
#   dropped-package.sh BUILD_DIR PACKAGE
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$1" pkg="$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed -E "s/(^|[[:space:]])$pkg([[:space:]]|$)/\1\2/" "$root/scripts/common.sh" >"$tmp/common.sh"
if grep -qw -- "$pkg" "$tmp/common.sh" || ! grep -qw -- "$pkg" "$root/scripts/common.sh"; then
    echo "FAIL: could not drop $pkg from a copy of scripts/common.sh"; exit 1
fi
SQSNN_CHECK_WORK="$tmp/work" bash "$root/scripts/check-install-list" "$build" "$tmp/common.sh" >"$tmp/out" 2>&1
rc=$?
cat "$tmp/out"
[ $rc -eq 1 ] || { echo "FAIL: expected exit 1 for a list without $pkg, got $rc"; exit 1; }
grep -q "^missing package $pkg (needed by /" "$tmp/out" \
    || { echo "FAIL: the report does not name $pkg with the file that needed it"; exit 1; }
echo "PASS: dropping $pkg is reported"
