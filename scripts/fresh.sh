#!/usr/bin/env bash
# fresh.sh runs .ci/run as CI runs it on a new machine: in a clone of the
# committed state (HEAD; uncommitted changes are not part of it), with
# empty Go build and module caches, an empty HOME (no npm cache, no go env
# file, no nofallalloc or golangci-lint cache) and no tools installed under
# the old HOME on PATH. A test that passes only because something was
# already cached fails here. Prints the wall time at the end.
set -euo pipefail

top=$(git rev-parse --show-toplevel)
work=$(mktemp -d "${TMPDIR:-/tmp}/nofallalloc-fresh.XXXXXX")
# The module cache is read-only by design; make it removable.
trap 'chmod -R u+w "$work" 2>/dev/null || true; rm -rf "$work"' EXIT

git clone -q "$top" "$work/repo"
mkdir -p "$work/home"

path=
IFS=: read -ra entries <<<"$PATH"
for entry in "${entries[@]}"; do
	case "$entry" in
	"$HOME" | "$HOME"/*) ;; # installed by hand under the old HOME
	*) path=${path:+$path:}$entry ;;
	esac
done

echo "fresh: running .ci/run in $work/repo at $(git -C "$top" rev-parse --short HEAD), with empty caches"
start=$(date +%s)
status=0
(
	cd "$work/repo"
	env HOME="$work/home" PATH="$path" \
		GOCACHE="$work/gocache" GOMODCACHE="$work/gomodcache" GOPATH="$work/gopath" \
		CI=true bash .ci/run </dev/null
) || status=$?
elapsed=$(($(date +%s) - start))
if [ "$status" -eq 0 ]; then
	echo "fresh: .ci/run passed in ${elapsed}s"
else
	echo "fresh: .ci/run FAILED (exit $status) after ${elapsed}s"
fi
exit "$status"
