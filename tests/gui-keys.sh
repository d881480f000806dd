#!/usr/bin/env bash
# gui-keys.sh — the review desk driven by real key presses (XTEST via
# xdotool) on the X display the test command provides (Xvfb):
#   1. review with keys (label key, Enter, undo, merge, click + split), save;
#      the saved JSON must hold exactly those edits;
#      the first label key asks who labels (typed into that window): the
#      edits are recorded under that name;
#   2. edit again, let autosave run, SIGKILL the app, start it again: the
#      recovery is restored (auto-accepted via CLAUSEMARK_AUTO_RESTORE=1)
#      and, saved, holds the edit made before the kill; the name is not
#      asked again (it is kept in the settings, here a keyfile);
#   3. a document three annotators labelled: Ctrl+J opens the curator view,
#      Enter takes the majority, 2 takes annotator 2's labels on the next
#      disagreement, Ctrl+Z undoes that, Ctrl+S saves; the saved JSON must
#      hold exactly the first settlement, under the curator's name.
#   4. long-document keys in the clause list: End, Home, Page Down and
#      Ctrl+G (go to clause N) select the clause they name.
#   5. flags and the checklist by keys: Shift+S and Shift+R flag a clause,
#      Ctrl+Z takes the risk back; F7 opens the checklist, Down and Enter
#      go to an item's evidence clause, Shift+K there toggles its key flag;
#      the saved JSON holds exactly those flags.
# Usage: gui-keys.sh <clausemark binary> <source dir>
set -euo pipefail

app=$1
src=$2
. "$(dirname "$0")/gui-keys-lib.sh"

# Settings survive a restart, as on a desktop (the name is asked once).
export GSETTINGS_BACKEND=keyfile
export XDG_CONFIG_HOME=$work/config
cp "$src/data/samples/sample-zh.txt" "$work/keys.txt"
saved=$work/keys.clausemark.json

echo "1..5"

# start_app [FILE]: the policy of parts 1 and 2 unless told otherwise.
start_app() {
  local file=${1:-$work/keys.txt}
  "$app" "$file" >"$work/app.log" 2>&1 &
  pid=$!
  wid=$(timeout 60 xdotool search --sync --name "$(basename "$file")" | head -1)
  # No window manager under Xvfb: give the window the keyboard ourselves.
  xdotool windowfocus --sync "$wid"
  # Let the background load finish and the list take the focus (up to a
  # minute: 8 builds share 2 cores on the test machine).
  for _ in $(seq 600); do
    grep -q "clausemark-bench: usable" "$work/app.log" && break
    sleep 0.1
  done
  sleep 0.5
}

export CLAUSEMARK_BENCH=1   # prints a line once the document is shown

# ---- 1. review with keys, save ---------------------------------------------
start_app
key ctrl+s
wait_for_file "$saved" "$work/keys.txt"
cp "$saved" "$work/baseline.json"
sleep 1.1   # distinct mtime for the next save

key n c
# The first decision asks who decides; its window takes the name.
prompt=$(timeout 10 xdotool search --sync --name "Who Is Labelling" | head -1 || true)
if [ -n "$prompt" ]; then
  xdotool windowfocus --sync "$prompt"
  xdotool type --delay 40 "Ana Lima"
  key Return
  xdotool windowfocus --sync "$wid"
  sleep 0.3
fi
key Return s ctrl+z Return ctrl+m
# Next unreviewed clause (the text cursor goes to its start), into the
# text (F6), three characters on, split there.
key n F6 Right Right Right ctrl+t ctrl+s
wait_for_file "$saved" "$work/baseline.json"
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=

if python3 - "$work/baseline.json" "$saved" <<'PY'
import json, sys
base = json.load(open(sys.argv[1]))
final = json.load(open(sys.argv[2]))
b = {c["id"]: c for c in base["clauses"]}
f = {c["id"]: c for c in final["clauses"]}
def status(c): return c.get("review", {}).get("status", c.get("status", "unreviewed"))
changed = [i for i in f if i in b and f[i] != b[i]]
corrected = [i for i in f if status(f[i]) == "corrected"]
accepted = [i for i in f if status(f[i]) == "accepted"]
problems = []
if len(corrected) != 1: problems.append(f"corrected: {corrected}")
elif "collection" not in f[corrected[0]]["labels"]: problems.append("label key c did not set collection")
def reviewer(c): return c.get("review", {}).get("reviewer", c.get("reviewer"))
if [reviewer(f[i]) for i in corrected + accepted] != ["Ana Lima"] * len(corrected + accepted):
    problems.append("decisions not recorded under the name typed: "
                    f"{[reviewer(f[i]) for i in corrected + accepted]}")
if len(accepted) != 1: problems.append(f"accepted: {accepted}")
if any("sharing" in f[i]["labels"] and "sharing" not in b[i]["labels"] for i in f if i in b):
    problems.append("ctrl+z did not undo the sharing label")
removed = set(b) - set(f)
added = set(f) - set(b)
if len(removed) != 1: problems.append(f"merge: removed {removed}")
if len(added) != 1: problems.append(f"split: added {added}")
if len(f) != len(b): problems.append(f"clause count {len(b)} -> {len(f)}")
for p in problems: print("# " + p)
sys.exit(1 if problems else 0)
PY
then echo "ok 1 keys: name asked, label, accept, undo, merge, split, save"
else echo "not ok 1 keys: name asked, label, accept, undo, merge, split, save"; fail=1
fi

# ---- 2. kill after autosave, recover ---------------------------------------
cp "$saved" "$work/before-kill.json"
start_app
key n p
asked_again=$(xdotool search --name "Who Is Labelling" 2>/dev/null | head -1 || true)
# The recovery file appears within the autosave interval (5 s).
recovery_dir=$XDG_STATE_HOME/clausemark/recovery
for _ in $(seq 150); do
  ls "$recovery_dir"/*.json >/dev/null 2>&1 && break
  sleep 0.1
done
sleep 0.3
kill -9 "$pid"; wait "$pid" 2>/dev/null || true; pid=

CLAUSEMARK_AUTO_RESTORE=1 start_app
sleep 1.1
key ctrl+s
wait_for_file "$saved" "$work/before-kill.json" || true
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=

if python3 - "$work/before-kill.json" "$saved" <<'PY'
import json, sys
before = {c["id"]: c for c in json.load(open(sys.argv[1]))["clauses"]}
after = {c["id"]: c for c in json.load(open(sys.argv[2]))["clauses"]}
gained = [i for i in after if i in before and "permission" in after[i]["labels"]
          and "permission" not in before[i]["labels"]]
kept = all(after.get(i, {}).get("labels") == before[i]["labels"] for i in before
           if i not in gained)
if len(gained) != 1 or not kept:
    print(f"# gained permission: {gained}, earlier edits kept: {kept}")
    sys.exit(1)
PY
then
  if [ -n "$asked_again" ]; then
    echo "# the name was asked again after a restart"
    fail=1
    echo "not ok 2 kill -9 after autosave: the recovery restores the edit, the name is not asked again"
  else
    echo "ok 2 kill -9 after autosave: the recovery restores the edit, the name is not asked again"
  fi
else echo "not ok 2 kill -9 after autosave: the recovery restores the edit, the name is not asked again"; fail=1
fi

# ---- 3. the curator view, by keys -------------------------------------------
team=$work/team.clausemark.json
python3 - "$saved" "$team" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
answers = [  # Ana Lima, Bo Chen, Chris Weber (key numbers 1, 2, 3)
    (["collection", "sharing"], ["collection"], ["collection", "sharing"]),
    (["usage"], ["security"], ["security", "contact"]),
]
names = ["Ana Lima", "Bo Chen", "Chris Weber"]
targets = [c for c in doc["clauses"] if c["kind"] != "boilerplate"][3:3 + len(answers)]
for clause, given in zip(targets, answers):
    clause["annotations"] = [{"annotator": n, "labels": sorted(l), "status": "corrected",
                              "timestamp": "2026-11-30T09:00:00Z", "note": None, "span": None}
                             for n, l in zip(names, given)]
json.dump(doc, open(sys.argv[2], "w"), ensure_ascii=False)
print(" ".join(c["id"] for c in targets), file=open(sys.argv[2] + ".ids", "w"))
PY
start_app "$team"
cp "$team" "$work/team-before.json"
sleep 1.1
key ctrl+j
# The curator view's rows are made at its first layout: on a loaded machine
# a Return sent 120 ms after Ctrl+J can reach the list before it has any.
sleep 2
key Return 2 ctrl+z ctrl+s
wait_for_file "$team" "$work/team-before.json" || true
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=

if python3 - "$team" <<'PY'
import json, sys
doc = {c["id"]: c for c in json.load(open(sys.argv[1]))["clauses"]}
first, second = open(sys.argv[1] + ".ids").read().split()
problems = []
a, b = doc[first], doc[second]
if not a.get("adjudicated") or sorted(a["labels"]) != ["collection", "sharing"]:
    problems.append(f"Enter did not take the majority: {a.get('adjudicated')} {a['labels']}")
if a.get("reviewer") != "Ana Lima":
    problems.append(f"settled under {a.get('reviewer')!r}, not the curator's name")
if b.get("adjudicated"):
    problems.append(f"Ctrl+Z did not undo key 2: {b['labels']}")
if any(len(c.get("annotations", [])) != 3 for c in (a, b)):
    problems.append("an annotator's answer was lost")
for p in problems: print("# " + p)
sys.exit(1 if problems else 0)
PY
then echo "ok 3 curator keys: Ctrl+J, Enter takes the majority, 2 then Ctrl+Z undone, saved"
else echo "not ok 3 curator keys: Ctrl+J, Enter takes the majority, 2 then Ctrl+Z undone, saved"; fail=1
fi

# ---- 4. Home, End, Page Down, Ctrl+G in the list -----------------------------
cp "$src/data/samples/sample-zh.txt" "$work/long.txt"
start_app "$work/long.txt"
# End: the last clause; Home then j: the second; Page Down from the first:
# a screenful on; Ctrl+G 20: the twentieth. Enter accepts each.
key End Return Home j Return Home Page_Down Return ctrl+g
xdotool type --delay 60 "20"
key Return Return ctrl+s
wait_for_file "$work/long.clausemark.json" "$work/long.txt" || true
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
if python3 - "$work/long.clausemark.json" <<'PY'
import json, sys
clauses = json.load(open(sys.argv[1]))["clauses"]
def status(c): return c.get("review", {}).get("status", c.get("status", "unreviewed"))
accepted = [i for i, c in enumerate(clauses) if status(c) == "accepted"]
paged = [i for i in accepted if i not in (1, 19, len(clauses) - 1)]
problems = []
for want in (1, 19, len(clauses) - 1):
    if want not in accepted: problems.append(f"clause {want + 1} not accepted")
if len(paged) != 1 or not 4 <= paged[0] <= 40: problems.append(f"page down accepted {paged}")
for p in problems: print("# " + p + f" (accepted: {[i + 1 for i in accepted]})")
sys.exit(1 if problems else 0)
PY
then echo "ok 4 list keys: End, Home, Page Down, Ctrl+G select the clause they name"
else echo "not ok 4 list keys: End, Home, Page Down, Ctrl+G select the clause they name"; fail=1
fi

# ---- 5. flags and the checklist by keys --------------------------------------
cp "$src/data/samples/sample-en.txt" "$work/flags.txt"
start_app "$work/flags.txt"
key ctrl+s
wait_for_file "$work/flags.clausemark.json" "$work/flags.txt" || true
cp "$work/flags.clausemark.json" "$work/flags-before.json"
sleep 1.1   # distinct mtime for the next save
# Clause 5: sensitive and risk, then undo the risk. Then the checklist's
# fourth item: its first evidence clause gets its key flag toggled.
key j j j j shift+s shift+r ctrl+z F7 Down Down Down Return F7 shift+k ctrl+s
wait_for_file "$work/flags.clausemark.json" "$work/flags-before.json" || true
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
"$(dirname "$app")/../cli/clausemark-cli" checklist --json "$work/flags.clausemark.json" \
  >"$work/flags-checklist.json" 2>"$work/flags-checklist.err" || true
if python3 - "$work/flags-before.json" "$work/flags.clausemark.json" "$work/flags-checklist.json" <<'PY'
import json, sys
before = json.load(open(sys.argv[1]))["clauses"]
after = json.load(open(sys.argv[2]))["clauses"]
items = [item for entry in json.load(open(sys.argv[3])) for item in entry["items"]]
changed = {i: (set(b["flags"]), set(a["flags"])) for i, (b, a) in enumerate(zip(before, after))
           if b["flags"] != a["flags"]}
problems = []
if changed.get(4) != (set(before[4]["flags"]), set(before[4]["flags"]) | {"sensitive"}):
    problems.append(f"clause 5: {changed.get(4)} (sensitive added, risk undone)")
others = [i for i in changed if i != 4]
evidence = items[3]["evidence"] if len(items) > 3 else []
if len(others) != 1 or after[others[0]]["id"] not in evidence[:1]:
    problems.append(f"key toggled on clauses {[i + 1 for i in others]}, evidence {evidence}")
elif changed[others[0]][0] ^ changed[others[0]][1] != {"key"}:
    problems.append(f"clause {others[0] + 1}: {changed[others[0]]} (only key toggled)")
for i in changed:
    if after[i]["status"] != "corrected": problems.append(f"clause {i + 1} not corrected")
for p in problems: print("# " + p)
sys.exit(1 if problems else 0)
PY
then echo "ok 5 flag keys, undo, F7 and Enter to the evidence, saved flags"
else echo "not ok 5 flag keys, undo, F7 and Enter to the evidence, saved flags"; fail=1
fi

# ---- screenshots of the Chinese UI (artefacts), light and dark ------------
shots=${CM_BUILD_DIR:-$work}/screenshots
if command -v import >/dev/null; then
  mkdir -p "$shots"
  for style in light dark; do
    LANGUAGE=zh_CN CLAUSEMARK_STYLE=$style start_app
    key j j j j j j j j j j j j j j j j c Return p Return s Return u Return k
    import -window root "$shots/window-zh-$style.png"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  done
  echo "# screenshots in $shots"
fi

exit ${fail:-0}
