#!/bin/sh
# Whole-command benchmarks of issue 19 (docs/internals/performance.md, "Issue 19 commands"):
# `techconv quality` against bench/peers/quality_pandas.py, `techconv forecast` against
# bench/peers/forecast_command_peer.py, and `techconv evolution` alone (no peer). Each timed
# command is the whole process (file in, files out), timed by /usr/bin/time -v, techconv and
# its peer in turn, RUNS pairs; the inputs are generated first, outside the timing, and each
# peer is checked against techconv on a small input before anything is timed.
#
# usage: bench/whole_command.sh TECHCONV MAKE_SYNTHETIC_CORPUS WORK_DIR [RUNS]
#   TECHCONV               the built command (e.g. build/examples/techconv/techconv)
#   MAKE_SYNTHETIC_CORPUS  the built example (e.g. build/examples/make_synthetic_corpus)
#   WORK_DIR               folder for the inputs and outputs (about 1 GB)
# Python: /usr/bin/python3 with numpy, pandas, networkx and scikit-learn.
set -eu
tc=$1
mk=$2
mkdir -p "$3"
w=$(cd "$3" && pwd)
runs=${4:-3}
py=/usr/bin/python3
here=$(cd "$(dirname "$0")" && pwd)

timed() {  # label, command...: one whole-process run, its wall, CPU and peak memory
    label=$1
    shift
    /usr/bin/time -f "$label wall %e s user %U s sys %S s peak %M KiB" "$@" >/dev/null 2>"$w/time.txt" ||
        { cat "$w/time.txt"; exit 1; }
    tail -n 1 "$w/time.txt"
}

# 1. quality: check on a small input, then 10^6 and 10^7 citations
$py "$here/make_quality_corpus.py" 300 3000 "$w/q-check"
"$tc" quality --force --quiet "$w/q-check/records.csv" --citations "$w/q-check/citations.csv" \
    --classes "$w/q-check/classes.csv" --out "$w/q-check/tc" >/dev/null
$py "$here/peers/quality_pandas.py" "$w/q-check/records.csv" "$w/q-check/citations.csv" \
    "$w/q-check/classes.csv" "$w/q-check/pd" >/dev/null
$py "$here/peers/quality_check.py" "$w/q-check/tc/quality.csv" "$w/q-check/pd/quality.csv"
for size in 6 7; do
    d=$w/q$size
    if [ $size = 6 ]; then records=100000 cites=1000000; else records=1000000 cites=10000000; fi
    [ -f "$d/classes.csv" ] || $py "$here/make_quality_corpus.py" $records $cites "$d"
    i=0
    while [ $i -lt "$runs" ]; do
        timed "quality 10^$size techconv" "$tc" quality --force --quiet "$d/records.csv" \
            --citations "$d/citations.csv" --classes "$d/classes.csv" --out "$d/tc"
        timed "quality 10^$size pandas" $py "$here/peers/quality_pandas.py" "$d/records.csv" \
            "$d/citations.csv" "$d/classes.csv" "$d/pd"
        i=$((i + 1))
    done
    (cd "$here/peers" && $py quality_check.py "$d/tc/quality.csv" "$d/pd/quality.csv")
done

# 2. forecast at subclass level, every candidate: 10^5 records (check, then timing)
[ -f "$w/corpus100k.csv" ] || "$mk" 100000 "$w/corpus100k.csv" --seed 11 >/dev/null
"$tc" forecast --force --quiet "$w/corpus100k.csv" --train-until 2019 --no-merge --out "$w/fc-tc" >/dev/null
$py "$here/peers/forecast_command_peer.py" "$w/corpus100k.csv" 2019 "$w/fc-pd" --check "$w/fc-tc"
i=0
while [ $i -lt "$runs" ]; do
    timed "forecast 10^5 techconv" "$tc" forecast --force --quiet "$w/corpus100k.csv" --train-until 2019 \
        --no-merge --out "$w/fc-tc"
    timed "forecast 10^5 networkx" $py "$here/peers/forecast_command_peer.py" "$w/corpus100k.csv" 2019 "$w/fc-pd"
    i=$((i + 1))
done

# 3. evolution on 10^6 records, three periods (no peer)
[ -f "$w/corpus1m.csv" ] || "$mk" 1000000 "$w/corpus1m.csv" --seed 11 >/dev/null
i=0
while [ $i -lt "$runs" ]; do
    timed "evolution 10^6 techconv" "$tc" evolution --force --quiet "$w/corpus1m.csv" \
        --periods 1995-2004,2005-2014,2015-2024 --out "$w/evo"
    i=$((i + 1))
done
