#!/usr/bin/env bash
# Runs fuzz targets one after another, niced, each for its time budget, and prints one table
# row per run (time, executions, executions per second, new inputs, peak RSS, exit status).
# Usage (in fuzz/, after the build in docs/reliability.md): ./run.sh TARGET:SECONDS ...
# Crashes, hangs (> 10 s) and out-of-memory inputs (> 2048 MB) go to artifacts/TARGET/.
set -u
bin=${BIN:-target/x86_64-unknown-linux-gnu/release}
mkdir -p logs
for spec in "$@"; do
    t=${spec%%:*}
    secs=${spec##*:}
    mkdir -p "corpus/$t" "artifacts/$t"
    log="logs/$t-$(date -u +%H%M%S).log"
    nice -n 19 "$bin/$t" "corpus/$t" "seeds/$t" -max_total_time="$secs" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="artifacts/$t/" >"$log" 2>&1
    rc=$?
    stat() { grep -m1 "^stat::$1:" "$log" | awk '{print $2}'; }
    echo "| $t | $secs s | $(stat number_of_executed_units) | $(stat average_exec_per_sec) |" \
        "$(stat new_units_added) | $(stat peak_rss_mb) MB | exit $rc |"
done
