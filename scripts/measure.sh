#!/usr/bin/env bash
# measure.sh DIR [PATTERN] — wall time and peak memory of nofallalloc
# standalone, of go vet -vettool=nofallalloc and of plain go vet on the
# module in DIR, each cold (empty caches) and warm (a second run).
# Prints one line per run: "name cold|warm seconds maxrss-KB exit".
set -u
dir=${1:?usage: measure.sh DIR [PATTERN]}
pattern=${2:-./...}
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/nofallalloc" "$top/cmd/nofallalloc" || exit 2

run() { # name state command...
	local name=$1 state=$2
	shift 2
	/usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr"
	local status=$?
	# time(1) prefixes "Command exited with non-zero status N" on failure.
	read -r secs kb < <(tail -n 1 "$work/time")
	printf '%-22s %-5s %7.2fs %8d KB exit %d\n' "$name" "$state" "$secs" "$kb" "$status"
}

cd "$dir" || exit 2
# Each tool gets a build cache of its own, primed with nothing: "cold"
# includes compiling the dependencies' export data, as on a fresh machine.
for tool in nofallalloc vet-nofallalloc vet; do
	export GOCACHE="$work/gocache-$tool" NOFALLALLOC_CACHE="$work/nfacache-$tool"
	for state in cold warm; do
		case $tool in
		nofallalloc) run "$tool" "$state" "$work/nofallalloc" "$pattern" ;;
		vet-nofallalloc) run "go vet -vettool" "$state" go vet -vettool="$work/nofallalloc" "$pattern" ;;
		vet) run "go vet" "$state" go vet "$pattern" ;;
		esac
	done
done
