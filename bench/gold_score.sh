#!/bin/sh
# gold_score.sh - score `thidua extract --json` against a gold jsonl.
#   sh bench/gold_score.sh [THIDUA] [GOLD] [DIR]   (defaults: build/thidua, the seeds)
# Needs python3 (a dev tool, not part of make test).
here=$(cd "$(dirname "$0")" && pwd)
thidua=${1:-$here/../build/thidua}
gold=${2:-$here/../../shared/seeds/gold.jsonl}
dir=${3:-$(dirname "$gold")}
exec python3 "$here/gold_score.py" "$gold" --run "$thidua" "$dir" -v
