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
#   AGREE_STD="" AGREE_MODULES="github.com/google/btree@v1.1.3 ." scripts/agree-table.sh
#                                     # other modules (one "module@version pkg..."
#                                     # a line, . for the module's root), no std
#
# Each package is measured on its own, so its time includes building it
# with the escape log and running its tests with -memprofilerate=1.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'chmod -R u+w "$work" && rm -rf "$work"' EXIT
go build -o "$work/nofallalloc" "$root/cmd/nofallalloc"

std=${AGREE_STD-strconv encoding/json net/netip strings bytes fmt net/http compress/flate}
# module@version, then its packages, one module a line.
modules=${AGREE_MODULES-"github.com/klauspost/compress@v1.20.4 flate zstd s2 huff0 fse snappy
google.golang.org/protobuf@v1.36.12 proto encoding/protojson encoding/prototext encoding/protowire internal/impl internal/filedesc reflect/protoreflect reflect/protoregistry
golang.org/x/net@v0.62.0 http2 http2/hpack html idna"}
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

# percent prints N of OF as -agree does: one decimal, or - when OF is 0.
percent() {
	if [ "$2" -eq 0 ]; then
		echo -
	else
		awk -v n="$1" -v of="$2" 'BEGIN { printf "%.1f%%", 100 * n / of }'
	fi
}
# measure runs -agree on one package in dir, in both modes, prints its
# row, and adds its counts to the module's (total_*).
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
		heap=$(field compiler-heap "$s")
		eval "total_sites_$mode=\$((total_sites_$mode + $(field sites "$s")))"
		eval "total_agree_$mode=\$((total_agree_$mode + $(field agree "$s")))"
		eval "total_decided_$mode=\$((total_decided_$mode + heap - static))"
		eval "total_found_$mode=\$((total_found_$mode + heap - only))"
		eval "total_secs_$mode=\$((total_secs_$mode + secs))"
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
	for mode in default compiler; do
		eval "total_sites_$mode=0 total_agree_$mode=0 total_decided_$mode=0 total_found_$mode=0 total_secs_$mode=0"
	done
	for pkg in $pkgs; do
		if [ "$pkg" = . ]; then
			measure "$dir" "$path" "$path"
		else
			measure "$dir" "$path/$pkg" "$path/$pkg"
		fi
	done
	# The module's row: the targets are per module.
	row="| **$path, all above** |"
	for col in sites agree; do
		eval "row=\"\$row \${total_${col}_default} / \${total_${col}_compiler} |\""
	done
	row="$row | | |"
	for mode in default compiler; do
		eval "agreeing=\$total_agree_$mode sites=\$total_sites_$mode found=\$total_found_$mode decided=\$total_decided_$mode"
		eval "confirmed_$mode=$(percent "$agreeing" "$sites") found_$mode=$(percent "$found" "$decided")"
	done
	echo "$row $confirmed_default / $confirmed_compiler | $found_default / $found_compiler | | ${total_secs_default}s / ${total_secs_compiler}s |"
done
echo
echo "Each cell: default mode / -confirm=compiler. compiler-only leaves out the"
echo "heap decisions that allocate nothing (static). runtime-only counts the lines"
echo "the tests allocated on without a site; in parentheses, those that are"
echo "neither the runtime's own, nor a moved slice, nor inlined code, nor a"
echo "dynamic call's callee, nor a run-time panic's error (possible misses,"
echo "target 0). found is"
echo "compiler-found; confirmed counts the sites that the escape log, the code or"
echo "the tests confirm; contradicted, those that the escape log or the code"
echo "contradicts; time is the whole -agree run (build, tests, analysis). A"
echo "module's row adds up the packages above it: the targets are per module."
