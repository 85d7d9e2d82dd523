#!/usr/bin/env bash
# Streaming check (issue 8): the CLI over >= 100 MB of jsonl and over one
# 100 MB text document, with wall time and peak RSS from /usr/bin/time -v,
# then batch scaling (--threads 1 versus --threads 2) on the jsonl.
# Targets: peak RSS <= 300 MB; 2 threads >= 1.7x one thread.
#
#   bash benches/streaming.sh            # 100 MB inputs
#   STREAM_MB=20 bash benches/streaming.sh   # smaller, for a quick look
#   STREAM_REPEAT=3 bash benches/streaming.sh  # the jsonl runs 3 times, interleaved;
#                                            # the fastest of each counts (less noise)
#   POLNER_BIN=/path/to/polner bash benches/streaming.sh   # another build
#     (then benches/RESULTS-streaming.md is left alone)
#
# Inputs are generated from resources/examples/*.txt (and the texts of
# POLNER_SLAVICNER_DIR when set) into target/streaming/.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${STREAM_MB:-100}
OUT=${STREAM_OUT:-target/streaming}
mkdir -p "$OUT"
BIN=${POLNER_BIN:-target/release/polner}
[ -x "$BIN" ] || cargo build --release
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time)"; exit 1; }
REPORT="$OUT/report.txt"
: > "$REPORT"
exec > >(tee -a "$REPORT")

python3 - "$MB" "$OUT" <<'PY'
import json, os, sys, glob
mb, out = int(sys.argv[1]), sys.argv[2]
texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob("resources/examples/*.txt"))]
d = os.environ.get("POLNER_SLAVICNER_DIR")
if d:
    texts += [open(p, encoding="utf-8").read() for p in sorted(glob.glob(f"{d}/raw/*/pl/*.txt"))]
target = mb * 1_000_000
jl, doc = f"{out}/input.jsonl", f"{out}/input.txt"
if not (os.path.exists(jl) and os.path.getsize(jl) >= target):
    with open(jl, "w", encoding="utf-8") as f:
        n = size = 0
        while size < target:
            t = texts[n % len(texts)]
            line = json.dumps({"id": n, "text": t}, ensure_ascii=False) + "\n"
            f.write(line); size += len(line.encode()); n += 1
if not (os.path.exists(doc) and os.path.getsize(doc) >= target):
    with open(doc, "w", encoding="utf-8") as f:
        size = n = 0
        while size < target:
            t = texts[n % len(texts)] + "\n\n"
            f.write(t); size += len(t.encode()); n += 1
PY

REPEAT=${STREAM_REPEAT:-1}
rm -f "$OUT"/secs-* "$OUT"/rss-* "$OUT"/time-*

run() { # label, args... (repeated runs keep the fastest, and the largest RSS)
  local label=$1; shift
  local log="$OUT/time-$label.last.txt"
  /usr/bin/time -v "$BIN" extract "$@" > /dev/null 2> "$log"
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
  local secs
  secs=$(python3 -c "p='$wall'.split(':'); print(sum(float(x)*60**i for i,x in enumerate(reversed(p))))")
  local user sys cpu
  user=$(grep 'User time' "$log" | awk '{print $NF}')
  sys=$(grep 'System time' "$log" | awk '{print $NF}')
  cpu=$(grep 'Percent of CPU' "$log" | awk '{print $NF}')
  # CPU-time throughput: what the run would do with its cores to itself
  printf '%-18s wall %7.1f s %6.1f MB/s | cpu %7.1f s %6.1f MB/s of CPU time (%s CPU) | peak RSS %6.1f MB\n' \
    "$label" "$secs" "$(python3 -c "print($SIZE/1e6/$secs)")" \
    "$(python3 -c "print($user+$sys)")" "$(python3 -c "print($SIZE/1e6/($user+$sys))")" "$cpu" \
    "$(python3 -c "print($rss/1024)")"
  if [ ! -f "$OUT/secs-$label" ] || python3 -c "import sys; sys.exit(not $secs < float(open('$OUT/secs-$label').read()))"; then
    echo "$secs" > "$OUT/secs-$label"
    cp "$log" "$OUT/time-$label.txt"
  fi
  if [ ! -f "$OUT/rss-$label" ] || [ "$rss" -gt "$(cat "$OUT/rss-$label")" ]; then
    echo "$rss" > "$OUT/rss-$label"
  fi
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
SIZE=$(stat -c %s "$OUT/input.jsonl")
echo "jsonl: $((SIZE / 1000000)) MB"
for _ in $(seq "$REPEAT"); do
  run jsonl-1-thread --input jsonl --threads 1 "$OUT/input.jsonl"
  run jsonl-2-threads --input jsonl --threads 2 "$OUT/input.jsonl"
done
SIZE=$(stat -c %s "$OUT/input.txt")
echo "one text document: $((SIZE / 1000000)) MB"
run text-document --format jsonl "$OUT/input.txt"
run text-doc-2-threads --format jsonl --threads 2 "$OUT/input.txt"

echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$OUT" "$REPEAT" <<'PY'
import sys
out = sys.argv[1]
r = lambda n: float(open(f"{out}/{n}").read())
speedup = r("secs-jsonl-1-thread") / r("secs-jsonl-2-threads")
rss = max(r(f"rss-{k}") for k in ("jsonl-1-thread", "jsonl-2-threads", "text-document", "text-doc-2-threads")) / 1024
print(f"batch scaling, 2 threads / 1 thread: {speedup:.2f}x wall (target >= 1.7x)"
      + (f", fastest of {sys.argv[2]} runs each" if sys.argv[2] != "1" else ""))
def cpu_secs(k):
    t = open(f"{out}/time-{k}.txt").read()
    f = lambda name: float(t.split(name)[1].split()[0])
    return f("User time (seconds):") + f("System time (seconds):")
c1, c2 = cpu_secs("jsonl-1-thread"), cpu_secs("jsonl-2-threads")
print(f"  CPU time (user+sys) 2 threads / 1 thread: {c2 / c1:.2f} (1.00 = no parallel overhead; upper bound "
      f"of the wall scaling on 2 idle cores: 2 x 1-thread CPU / 2-thread CPU = {2 * c1 / c2:.2f}x)")
cpu = open(f"{out}/time-jsonl-2-threads.txt").read().split("Percent of CPU this job got:")[1].split()[0]
if int(cpu.rstrip("%")) < 150:
    print(f"  note: the 2-thread run got {cpu} CPU, the machine is shared: the scaling figure is not meaningful")
print(f"peak RSS, worst of the runs: {rss:.1f} MB (target <= 300 MB)")
PY

# keep the figures with the repository (after tee has written its last line)
sleep 1
[ -z "${POLNER_BIN:-}" ] || exit 0
# what follows a "## Notes" heading in the file is kept
NOTES=$(sed -n '/^## Notes/,$p' benches/RESULTS-streaming.md 2>/dev/null || true)
{
  echo "# Streaming check"
  echo
  echo "\`bash benches/streaming.sh\` (STREAM_MB=$MB, STREAM_REPEAT=$REPEAT), $(date -u "+%Y-%m-%d %H:%M UTC"):"
  echo
  echo '```'
  cat "$REPORT"
  echo '```'
  if [ -n "$NOTES" ]; then
    echo
    echo "$NOTES"
  fi
} > benches/RESULTS-streaming.md
