#!/bin/sh
# agree-table.sh measures how nofallalloc's -sites inventory agrees with the
# compiler and the runtime (nofallalloc -agree, docs/agree.md), in the
# default mode and with -confirm=compiler, on standard library packages
# and on packages of three modules from the module proxy, which it
# downloads itself. It prints one markdown table; each cell holds the
# default mode's number, then the confirmed mode's.
#
#   scripts/agree-table.sh            # the packages below
#   scripts/agree-table.sh strconv    # std packages of your choice only
#   AGREE_OUT=dir scripts/agree-table.sh   # also keeps each run's output in dir
#
# Each package is measured on its own, so its time includes building it
# with the escape log and running its tests with -memprofilerate=1.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'chmod -R u+w "$work" && rm -rf "$work"' EXIT
go build -o "$work/nofallalloc" "$root/cmd/nofallalloc"

std="strconv encoding/json net/netip strings bytes fmt net/http compress/flate"
# module@version, then its packages, one module a line.
modules="github.com/klauspost/compress@v1.20.4 flate zstd s2
google.golang.org/protobuf@v1.36.12 proto encoding/protojson
golang.org/x/net@v0.62.0 http2 html"
if [ $# -gt 0 ]; then
	std="$*"
	modules=""
fi

# copy brings a writable copy of module@version into $work/src, with the
# modules its tests need.
copy() {
	dir=$(cd "$work" && go mod download -json "$1" | sed -n 's/^	"Dir": "\(.*\)",$/\1/p')
	if [ -z "$dir" ]; then
		echo "agree-table: cannot download $1" >&2
		exit 2
	fi
	dest="$work/src/$1"
	mkdir -p "$dest"
	cp -R "$dir/." "$dest"
	chmod -R u+w "$dest"
	(cd "$dest" && go mod download)
	echo "$dest"
}

# field prints the value of NAME=VALUE in a summary line.
field() {
	echo "$2" | tr ' ' '\n' | sed -n "s/^(\{0,1\}$1=\([^)]*\))*$/\1/p" | head -1
}

# measure runs -agree on one package in dir, in both modes, and prints
# its row.
measure() {
	dir=$1 pkg=$2 name=$3
	row="| $name"
	for mode in default compiler; do
		flags=""
		[ $mode = compiler ] && flags="-confirm=compiler"
		start=$(date +%s)
		# shellcheck disable=SC2086
		out=$(cd "$dir" && "$work/nofallalloc" -agree $flags "$pkg" 2>"$work/stderr") || {
			echo "agree-table: $name ($mode):" >&2
			cat "$work/stderr" >&2
			exit 2
		}
		secs=$(($(date +%s) - start))
		if [ -n "${AGREE_OUT:-}" ]; then
			mkdir -p "$AGREE_OUT"
			echo "$out" >"$AGREE_OUT/$(echo "$name" | tr / _).$mode.txt"
		fi
		s=$(echo "$out" | grep "^summary $pkg " || echo "$out" | grep '^summary ' | tail -1)
		only=$(field compiler-only "$s")
		static=$(echo "$s" | sed -n 's/.*compiler-only=[0-9]* (static=\([0-9]*\)).*/\1/p')
		contra=$(($(field contradicted "$s") + $(field code-contradicted "$s")))
		eval "sites_$mode=$(field sites "$s") agree_$mode=$(field agree "$s")"
		eval "aonly_$mode=$(field analyzer-only "$s") conly_$mode=$((only - static)) ronly_$mode=\"$(field runtime-only "$s") ($(field unexplained "$s"))\""
		eval "confirmed_$mode=$(field confirmed "$s") found_$mode=$(field compiler-found "$s")"
		eval "contra_$mode=$contra time_$mode=${secs}s"
	done
	for col in sites agree aonly conly ronly confirmed found contra time; do
		eval "row=\"\$row | \${${col}_default} / \${${col}_compiler}\""
	done
	echo "$row |"
}

echo "| package | sites | agreeing | analyzer-only | compiler-only | runtime-only (unexplained) | confirmed | found | contradicted | time |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
mkdir -p "$work/std"
printf 'module agreetable\n\ngo 1.26\n' >"$work/std/go.mod"
for pkg in $std; do
	measure "$work/std" "$pkg" "$pkg"
done
echo "$modules" | while read -r mod pkgs; do
	[ -n "$mod" ] || continue
	dir=$(copy "$mod")
	path=${mod%@*}
	for pkg in $pkgs; do
		measure "$dir" "$path/$pkg" "$path/$pkg"
	done
done
echo
echo "Each cell: default mode / -confirm=compiler. compiler-only leaves out the"
echo "heap decisions that allocate nothing (static). runtime-only counts the lines"
echo "the tests allocated on without a site; in parentheses, those that are"
echo "neither the runtime's own, nor a moved slice, nor inlined code (possible"
echo "misses, target 0). found is compiler-found; confirmed counts the sites that"
echo "the escape log, the code or the tests confirm; contradicted, those that the"
echo "escape log or the code contradicts; time is the whole -agree run (build,"
echo "tests, analysis)."
