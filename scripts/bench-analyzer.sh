#!/usr/bin/env bash
# bench-analyzer.sh — what nofallalloc costs, beside what it cannot avoid.
#
# For each module and scenario it times, in this order:
#   vet         plain go vet
#   floor       go vet -vettool=ssafloor (internal/ssafloor: builds SSA,
#               declares a fact, does nothing else)
#   nfa-vet     go vet -vettool=nofallalloc
#   staticcheck staticcheck v0.8.2
#   floor-sa    ssafloor -tests ./...: the same floor driven as the
#               standalone command drives nofallalloc (staticcheck's runner)
#   nfa         nofallalloc, the standalone command
# and prints wall time, CPU time (user and system, children included), the
# peak RSS of the largest process (GNU time's %M) and the machine's load
# average, then the ratios the project's targets are written in:
#   nfa-vet/floor (target <= 1.10), nfa-vet RSS/floor RSS (<= 1.10),
#   nfa/staticcheck (<= 0.50); and nfa/floor-sa and floor-sa/staticcheck,
#   which say how much of the standalone command's time is its driver's.
#
# Scenarios:
#   cold          every tool on its own empty GOCACHE and result cache:
#                 includes compiling every dependency (minutes)
#   compile-warm  one GOCACHE primed by compiling everything, tests
#                 included (go test -vet=off -run '^$'), but no analysis
#                 result cached: each tool's first run on it
#   warm          the same runs again: everything served from the caches
#   edit          then the same tool on its warm caches, on a copy of the
#                 module with a comment appended to every .go file (compiled
#                 with the rest when the GOCACHE was primed): the module's
#                 own packages analyzed anew, the standard library and other
#                 dependencies served from the caches, as after an edit in a
#                 developer's loop or in CI that keeps the tools' caches
#
# Usage: scripts/bench-analyzer.sh [MODULE@VERSION|self ...]
#   MODULES default: self go.uber.org/zap@v1.28.0
#   golang.org/x/tools@v0.52.0 github.com/cockroachdb/pebble/v2@v2.1.7
#   SCENARIOS="cold compile-warm warm" selects scenarios.
#   TOOLS="vet floor nfa-vet staticcheck floor-sa nfa" selects tools.
#   BASELINE=COMMIT (anything git names) or BASELINE=PATH (a built
#   nofallalloc) adds nfa-vet-base and nfa-base, the same runs with that
#   binary, each after its current counterpart, and their ratios: a
#   before and after from one run.
#   ROUNDS=N runs every tool N times, the tools taking turns (round 1 of
#   each, then round 2, ...), so that a burst of other work on a shared
#   machine falls on all of them; each run is printed, and the ratios are
#   those of the medians. Every compile-warm run starts from its own copy
#   of the primed GOCACHE and empty result caches, and a warm run follows
#   the same tool's compile-warm run on its caches (so SCENARIOS=warm
#   prints the compile-warm runs too), and an edit run follows both.
# Quiet the machine first: with ROUNDS=1 (the default) every number is one
# run.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=(self go.uber.org/zap@v1.28.0 golang.org/x/tools@v0.52.0 github.com/cockroachdb/pebble/v2@v2.1.7)
scenarios=${SCENARIOS:-cold compile-warm warm}
tools=${TOOLS:-vet floor nfa-vet staticcheck floor-sa nfa}
baseline=${BASELINE:-}
rounds=${ROUNDS:-1}
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS=$rounds is not a positive number of rounds" >&2; exit 2; }
if [ -n "$baseline" ]; then
	# Each baseline run right after the current one it is compared with.
	tools=$(echo " $tools " | sed 's/ nfa-vet / nfa-vet nfa-vet-base /; s/ nfa / nfa nfa-base /')
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-analyzer.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null || true; rm -rf "$work"' EXIT
bin=$work/bin
mkdir -p "$bin"
echo "building the tools..." >&2
go build -o "$bin/nofallalloc" "$top/cmd/nofallalloc"
go build -o "$bin/ssafloor" "$top/internal/ssafloor"
GOBIN=$bin go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
if [ -f "$baseline" ]; then
	cp "$baseline" "$bin/nofallalloc-base"
elif [ -n "$baseline" ]; then
	commit=$(git -C "$top" rev-parse --verify --quiet "$baseline^{commit}") || { echo "BASELINE=$baseline is neither a file nor a commit" >&2; exit 2; }
	mkdir -p "$work/base"
	git -C "$top" archive "$commit" | tar -x -C "$work/base"
	(cd "$work/base" && go build -o "$bin/nofallalloc-base" ./cmd/nofallalloc)
	echo "baseline: $(git -C "$top" log -1 --format='%h %s' "$commit" | cut -c1-72)" >&2
fi

# fetch MODULE@VERSION: a writable copy of the module's source.
fetch() {
	local dir
	dir=$(go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
	[ -n "$dir" ] || { echo "cannot download $1" >&2; exit 2; }
	mkdir -p "$work/src"
	local copy
	copy=$work/src/$(echo "$1" | tr '/@' '__')
	cp -r "$dir" "$copy"
	chmod -R u+w "$copy"
	(cd "$copy" && GOFLAGS=-mod=mod go mod download >/dev/null 2>&1 || true)
	echo "$copy"
}

declare -A secs cpu rss
# measure KEY COMMAND...: runs COMMAND, appends its wall time, CPU time
# (user and system, of it and its children) and peak RSS to KEY's runs.
measure() {
	local key=$1
	shift
	local status=0
	/usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >"$work/out" 2>&1 || status=$?
	# time(1) writes "Command exited with non-zero status N" first on
	# failure; findings (exit 1) are a normal outcome.
	local wall peak user sys
	read -r wall peak user sys < <(tail -n 1 "$work/time")
	secs[$key]+=" $wall"
	cpu[$key]+=" $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
	rss[$key]+=" $peak"
	if [ "$status" -gt 1 ]; then
		echo "  $key: exit $status:" >&2
		head -n 5 "$work/out" >&2
	fi
}

# last VALUES: the last of a key's runs.
last() { echo "${1##* }"; }

# median VALUES: the median of a key's runs (the mean of the middle two of
# an even number).
median() {
	tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# run TOOL SCENARIO: one tool's run on ./... in the current module.
run() {
	local tool=$1 scenario=$2 key="$1:$2"
	case $tool in
	vet) measure "$key" go vet ./... ;;
	floor) measure "$key" go vet -vettool="$bin/ssafloor" ./... ;;
	nfa-vet) measure "$key" go vet -vettool="$bin/nofallalloc" ./... ;;
	nfa-vet-base) measure "$key" go vet -vettool="$bin/nofallalloc-base" ./... ;;
	staticcheck) measure "$key" "$bin/staticcheck" ./... ;;
	floor-sa) measure "$key" "$bin/ssafloor" ./... ;;
	nfa) measure "$key" "$bin/nofallalloc" -tests ./... ;;
	nfa-base) measure "$key" "$bin/nofallalloc-base" -tests ./... ;;
	esac
	# The load average is the machine's (one minute), so that a number
	# taken beside other work can be told from one taken on a quiet machine.
	printf '  %-12s %-13s %7.2f s  CPU %7.2f s %7d MiB  load %s\n' "$tool" "$scenario" "$(last "${secs[$key]}")" "$(last "${cpu[$key]}")" $(($(last "${rss[$key]}") / 1024)) "$(cut -d' ' -f1 /proc/loadavg)"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

# fresh DIR...: the directories, empty.
fresh() {
	chmod -R u+w "$@" 2>/dev/null || true
	rm -rf "$@"
	mkdir -p "$@"
}

for module in "${modules[@]}"; do
	if [ "$module" = self ]; then src=$top; else src=$(fetch "$module"); fi
	echo "== $module"
	cd "$src"
	if [[ " $scenarios " == *" edit "* ]]; then
		# Another directory than the module's: the edited files are new
		# to every cache, as are their paths.
		edited=$work/edited
		fresh "$edited"
		cp -a "$src/." "$edited/"
		find "$edited" -name '*.go' -not -path '*/testdata/*' -exec sh -c 'for f; do printf "\n// edited\n" >>"$f"; done' _ {} +
	fi
	if [[ " $scenarios " == *" compile-warm "* || " $scenarios " == *" warm "* || " $scenarios " == *" edit "* ]]; then
		export GOCACHE=$work/primed
		go test -vet=off -count=1 -run '^$' ./... >/dev/null 2>&1 || true
		# The edited copy compiled too: an edit run times the analysis.
		if [[ " $scenarios " == *" edit "* ]]; then
			(cd "$edited" && go test -vet=off -count=1 -run '^$' ./... >/dev/null 2>&1 || true)
		fi
	fi
	for round in $(seq "$rounds"); do
		[ "$rounds" -eq 1 ] || echo "  -- round $round of $rounds"
		for tool in $tools; do
			if [[ " $scenarios " == *" cold "* ]]; then
				export GOCACHE=$work/run NOFALLALLOC_CACHE=$work/run-nfa STATICCHECK_CACHE=$work/run-sc SSAFLOOR_CACHE=$work/run-floor
				fresh "$GOCACHE" "$NOFALLALLOC_CACHE" "$STATICCHECK_CACHE" "$SSAFLOOR_CACHE"
				run "$tool" cold
			fi
			if [[ " $scenarios " == *" compile-warm "* || " $scenarios " == *" warm "* || " $scenarios " == *" edit "* ]]; then
				export GOCACHE=$work/run NOFALLALLOC_CACHE=$work/run-nfa STATICCHECK_CACHE=$work/run-sc SSAFLOOR_CACHE=$work/run-floor
				fresh "$GOCACHE" "$NOFALLALLOC_CACHE" "$STATICCHECK_CACHE" "$SSAFLOOR_CACHE"
				cp -a "$work/primed/." "$GOCACHE/"
				# Warm and edit runs need the compile-warm run before them.
				run "$tool" compile-warm
				if [[ " $scenarios " == *" warm "* ]]; then
					run "$tool" warm
				fi
				if [[ " $scenarios " == *" edit "* ]]; then
					cd "$edited"
					run "$tool" edit
					cd "$src"
				fi
			fi
		done
	done
	for scenario in $scenarios; do
		printf '  ratios %-13s' "$scenario"
		[ "$rounds" -eq 1 ] || printf ' (medians of %d)' "$rounds"
		for pair in nfa-vet/floor nfa-vet-base/floor nfa/staticcheck nfa-base/staticcheck nfa/floor-sa floor-sa/staticcheck; do
			num=${pair%/*} den=${pair#*/}
			if [[ " $tools " == *" $num "* && " $tools " == *" $den "* ]]; then
				printf ' %s %s (CPU %s), RSS %s;' "$pair" \
					"$(ratio "$(median "${secs[$num:$scenario]}")" "$(median "${secs[$den:$scenario]}")")" \
					"$(ratio "$(median "${cpu[$num:$scenario]}")" "$(median "${cpu[$den:$scenario]}")")" \
					"$(ratio "$(median "${rss[$num:$scenario]}")" "$(median "${rss[$den:$scenario]}")")"
			fi
		done
		echo
	done
	fresh "$work/run" "$work/run-nfa" "$work/run-sc" "$work/run-floor"
	rm -rf "$work"/run* "$work"/primed "$work/edited"
	unset 'secs' 'cpu' 'rss'
	declare -A secs cpu rss
	cd "$top"
done
