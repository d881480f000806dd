#!/usr/bin/env bash
# gui-retrain-keys.sh — "Retrain from this corpus" driven by real key presses
# (XTEST via xdotool) on the X display the test command provides (Xvfb):
# a corpus made from tests/data/retrain (clauses written for the test, with
# the labels a reviewer gave them, a few left unreviewed) is opened;
# Ctrl+Shift+T trains, Enter keeps the model (models/en.cmmodel appears),
# Enter re-suggests, Escape closes the dialog, Ctrl+S saves: reviewed
# clauses are exactly as before, unreviewed ones got new suggestions;
# Ctrl+Z then Ctrl+S: the document is exactly as before re-suggesting.
# Usage: gui-retrain-keys.sh <clausemark binary> <clausemark-cli> <source dir>
set -euo pipefail

app=$1
cli=$2
src=$3
. "$(dirname "$0")/gui-keys-lib.sh"

export CLAUSEMARK_BENCH=1   # the window and the dialog say when they are ready

echo "1..3"

# The corpus: each fixture line a paragraph, annotated, then reviewed as the
# fixture says ("?" stays unreviewed).
for f in clinic games shop; do
  cut -f2 "$src/tests/data/retrain/$f.tsv" | sed 's/$/\n/' >"$work/$f.txt"
done
"$cli" annotate "$work/clinic.txt" "$work/games.txt" "$work/shop.txt" -o "$work/corpus" >/dev/null
python3 - "$work/corpus" "$src/tests/data/retrain" <<'PY'
import glob, json, os, sys
corpus, fixtures = sys.argv[1:]
truth = {}
for f in glob.glob(os.path.join(fixtures, "*.tsv")):
    for line in open(f, encoding="utf-8"):
        if "\t" in line:
            labels, text = line.rstrip("\n").split("\t", 1)
            truth[text] = labels
for path in glob.glob(os.path.join(corpus, "*.json")):
    if path.endswith("clausemark-corpus.json"):
        continue
    doc = json.load(open(path, encoding="utf-8"))
    for c in doc["clauses"]:
        labels = truth.get(doc["text"][c["start"]:c["end"]].strip())
        if labels is None or labels == "?" or c["kind"] == "heading":
            continue
        labels = [] if labels == "-" else labels.split(",")
        c["status"] = "accepted" if sorted(labels) == sorted(c["labels"]) else "corrected"
        c["labels"], c["reviewer"], c["timestamp"] = labels, "tester", "2026-11-30T18:00:00Z"
    json.dump(doc, open(path, "w", encoding="utf-8"), ensure_ascii=False)
PY
doc=$work/corpus/clinic.json
cp "$doc" "$work/baseline.json"

wait_for_line() {
  for _ in $(seq 1200); do
    grep -q "$1" "$work/app.log" && return 0
    sleep 0.1
  done
  echo "# timed out waiting for '$1'" >&2
  return 1
}

"$app" "$work/corpus" >"$work/app.log" 2>&1 &
pid=$!
wid=$(timeout 60 xdotool search --sync --name "clinic.json" | head -1)
xdotool windowfocus --sync "$wid"
wait_for_line "clausemark-bench: usable"
sleep 0.5

# ---- 1. train with a key, keep with Enter ---------------------------------
key ctrl+shift+t
dialog=$(timeout 20 xdotool search --sync --name "Retrain from" | head -1)
if wait_for_line "clausemark-bench: retrain figures" && xdotool windowfocus --sync "$dialog" \
   && key Return && wait_for_line "clausemark-bench: retrain kept" \
   && [ -s "$work/corpus/models/en.cmmodel" ] && [ -s "$work/corpus/models/en.json" ]; then
  echo "ok 1 Ctrl+Shift+T trains, Enter keeps the model beside the corpus"
else
  echo "not ok 1 Ctrl+Shift+T trains, Enter keeps the model beside the corpus"
  sed 's/^/# /' "$work/app.log"
fi

# ---- 2. re-suggest with Enter, save: reviewed clauses untouched -----------
key Return
wait_for_line "clausemark-bench: retrain resuggested" || true
key Escape
xdotool windowfocus --sync "$wid"
sleep 0.3
key ctrl+s
wait_for_file "$doc" "$work/baseline.json" || true
cp "$doc" "$work/resuggested.json"
sleep 1.1   # distinct mtime for the next save

if python3 - "$work/baseline.json" "$work/resuggested.json" <<'PY'
import json, sys
base, now = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
assert len(base["clauses"]) == len(now["clauses"])
changed = 0
for b, n in zip(base["clauses"], now["clauses"]):
    if b["status"] != "unreviewed" or b["kind"] == "heading":
        assert b == n, (b["id"], b, n)
    elif b != n:
        changed += 1
assert changed > 0, "no unreviewed clause got new suggestions"
PY
then
  echo "ok 2 Enter re-suggests the unreviewed clauses only; Ctrl+S saves them"
else
  echo "not ok 2 Enter re-suggests the unreviewed clauses only; Ctrl+S saves them"
fi

# ---- 3. Ctrl+Z undoes re-suggesting in one step --------------------------
key ctrl+z ctrl+s
wait_for_file "$doc" "$work/resuggested.json" || true
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
if python3 - "$work/baseline.json" "$doc" <<'PY'
import json, sys
base, now = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
assert base["clauses"] == now["clauses"]
PY
then
  echo "ok 3 one Ctrl+Z puts every suggestion back"
else
  echo "not ok 3 one Ctrl+Z puts every suggestion back"
fi
