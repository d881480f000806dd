#!/usr/bin/env python3
"""Crash-safety soak of the window's autosave (issue 9).

The window is driven by real key presses (xdotool: next unreviewed clause,
accept it, again and again) with autosave every second, and SIGKILLed again
and again: most kills the moment an autosave's temporary file appears in
the recovery folder (so they land inside the save), the rest at a random
moment. After every kill:
  - the recovery file, if any, is a valid document (`clausemark-cli validate`);
  - no accepted clause is lost: the accepted clauses of the recovery file
    only grow from kill to kill (each start restores the recovery file,
    CLAUSEMARK_AUTO_RESTORE=1, and edits on from it: a recovery not restored
    would drop them at the next autosave);
  - the saved document was not touched.
At the end the window is started once more, restores, and saves at once
(Ctrl+S): the saved document holds every accepted clause of the last
recovery file, and neither the recovery file nor any temporary file is left.
A long soak moves to a fresh copy of the document whenever half the
clauses are accepted, and checks each copy so.

Usage: test-window-soak.py CLAUSEMARK_BINARY (under an X display).
CM_SOAK_KILLS sets the number of kills (8 in CI; `scripts/soak --window 200`).
Prints the figures."""

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SKIP = 77


def log(message):
    print(message, flush=True)


class Soak:
    def __init__(self, app, work):
        self.app = app
        self.work = work
        self.cli = os.path.join(os.environ["CM_BUILD_DIR"], "src", "cli", "clausemark-cli")
        self.policy = self.saved = None
        self.recovery_dir = os.path.join(work, "state", "clausemark", "recovery")
        self.proc = None
        self.keys = None
        self.env = dict(os.environ,
                        XDG_STATE_HOME=os.path.join(work, "state"),
                        XDG_CONFIG_HOME=os.path.join(work, "config"),
                        GSETTINGS_BACKEND="keyfile",
                        CLAUSEMARK_STYLE="light",
                        CLAUSEMARK_BENCH="1",
                        CLAUSEMARK_AUTO_RESTORE="1")
        settings = os.path.join(work, "config", "glib-2.0", "settings")
        os.makedirs(settings)
        with open(os.path.join(settings, "keyfile"), "w") as f:
            # Autosave every second; the reviewer's name is known (not asked).
            f.write("[org/clausemark/Clausemark]\nautosave-interval=uint32 1\n"
                    "reviewer-name='Soak Tester'\n")

    def new_document(self, number):
        """soak-NUMBER.txt, eight copies of the English sample (big enough
        that a save takes a while), and its saved annotation."""
        self.policy = os.path.join(self.work, f"soak-{number}.txt")
        self.saved = os.path.join(self.work, f"soak-{number}.clausemark.json")
        source = os.environ["CM_SOURCE_DIR"]
        with open(os.path.join(source, "data", "samples", "sample-en.txt"),
                  encoding="utf-8") as f:
            text = f.read()
        with open(self.policy, "w", encoding="utf-8") as f:
            for i in range(8):
                f.write(f"Part {i + 1}\n\n{text}\n")
        out = os.path.join(self.work, "annotated")
        r = subprocess.run([self.cli, "annotate", "-o", out, self.policy],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        os.rename(os.path.join(out, f"soak-{number}.json"), self.saved)

    def start(self):
        self.app_log = os.path.join(self.work, "app.log")
        out = open(self.app_log, "w")
        self.proc = subprocess.Popen([self.app, self.policy], stdout=out, stderr=subprocess.STDOUT,
                                     env=self.env)
        out.close()
        # A start takes seconds, even under AddressSanitizer; one that takes
        # minutes is hung, and its threads' stacks say where.
        deadline = time.monotonic() + 180
        while "clausemark-bench: usable" not in open(self.app_log).read():
            if self.proc.poll() is not None:
                raise AssertionError(f"the window exited ({self.proc.returncode}): "
                                     + open(self.app_log).read()[-2000:])
            if time.monotonic() > deadline:
                raise AssertionError("the window did not show the document within 180 s: "
                                     + open(self.app_log).read()[-2000:]
                                     + "\nits threads:\n" + stacks(self.proc.pid))
            time.sleep(0.05)
        wid = subprocess.run(["xdotool", "search", "--sync", "--name", "soak"], env=self.env,
                             capture_output=True, text=True, timeout=30).stdout.split()[0]
        # No window manager under Xvfb: give the window the keyboard ourselves.
        subprocess.run(["xdotool", "windowfocus", "--sync", wid], timeout=30)
        time.sleep(0.2)

    def edit_continuously(self):
        # Next unreviewed clause, accept; about one a second, until killed
        # (a long soak must not run out of clauses).
        self.keys = subprocess.Popen(["xdotool", "key", "--delay", "300", "--repeat", "100000",
                                      "--repeat-delay", "300", "n", "Return"])

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.proc = None
        if self.keys is not None:
            self.keys.kill()
            self.keys.wait()
            self.keys = None
            # Killed between a key's press and its release, xdotool leaves the
            # key held down, and the X server repeats it into the next window.
            subprocess.run(["xdotool", "keyup", "n", "Return"], timeout=30)

    def temporaries(self):
        try:
            return [n for n in os.listdir(self.recovery_dir) if ".tmp-" in n]
        except FileNotFoundError:
            return []

    def recovery_files(self):
        try:
            return [os.path.join(self.recovery_dir, n) for n in os.listdir(self.recovery_dir)
                    if n.endswith(".json")]
        except FileNotFoundError:
            return []

    def wait_for_temporary(self, timeout):
        """Polls the recovery folder for an autosave in progress."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.temporaries():
                return True
            if self.proc.poll() is not None:
                raise AssertionError("the window exited: " + open(self.app_log).read()[-2000:])
            time.sleep(0.0005)
        return False

    def recovery_stamp(self):
        files = self.recovery_files()
        return os.stat(files[0]).st_mtime_ns if files else None

    def wait_for_autosaves(self, count, timeout):
        """Waits for @count autosaves to complete (the recovery file renewed)."""
        deadline = time.monotonic() + timeout
        stamp = self.recovery_stamp()
        while count > 0:
            if time.monotonic() > deadline:
                raise AssertionError(f"no autosave within {timeout} s")
            if self.proc.poll() is not None:
                raise AssertionError("the window exited: " + open(self.app_log).read()[-2000:])
            now = self.recovery_stamp()
            if now is not None and now != stamp:
                count -= 1
                stamp = now
            time.sleep(0.01)

    def accepted(self, path):
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        return {c["id"] for c in document["clauses"]
                if c.get("review", {}).get("status", c.get("status")) == "accepted"}

    def validate(self, path):
        r = subprocess.run([self.cli, "validate", "-q", path], capture_output=True, text=True,
                           timeout=300)
        if r.returncode != 0:
            raise AssertionError(f"{path} is not a valid document: {r.stderr[-1000:]}")


def stacks(pid):
    """One line per thread of process @pid: its functions, innermost first."""
    if shutil.which("gdb") is None:
        return "(gdb is not installed)"
    try:
        r = subprocess.run(["gdb", "-p", str(pid), "-batch", "-ex", "thread apply all bt 30"],
                           capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        return "(gdb did not answer)"
    threads, current = [], None
    for line in r.stdout.splitlines():
        if line.startswith("Thread "):
            current = [line.split("(")[0].strip() + ":"]
            threads.append(current)
        elif line.startswith("#") and current is not None:
            words = line.split()
            name = words[3] if len(words) > 3 and words[2] == "in" else words[1]
            current.append(name)
    return "\n".join(" ".join(t) for t in threads) or r.stderr[-500:]


def sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def run_epoch(soak, k, kills, rng, stats):
    """Kills the window editing one document until @kills or until half
    its clauses are accepted (a long soak must not run out of clauses), then
    restores and saves it. Returns the number of kills so far."""
    stats["epochs"] += 1
    soak.new_document(stats["epochs"])
    total = len(json.load(open(soak.saved, encoding="utf-8"))["clauses"])
    saved_sha = sha256(soak.saved)
    time.sleep(1.1)  # recovery files must be newer than the saved document
    accepted = set()
    while k < kills and len(accepted) < total // 2:
        k += 1
        soak.start()
        soak.edit_continuously()
        if k % 4 != 0:
            # Into an autosave (the moment its temporary file appears),
            # after a few complete ones.
            soak.wait_for_autosaves(rng.randint(0, 2) if accepted else 1, 60)
            if not soak.wait_for_temporary(30):
                raise AssertionError(f"kill {k}: no autosave within 30 s")
            soak.kill()
            if soak.temporaries():
                stats["in_save"] += 1   # it died between creating and renaming it
            else:
                stats["after_save"] += 1
        else:
            time.sleep(rng.uniform(0.0, 2.0))
            soak.kill()
            stats["random"] += 1
        recoveries = soak.recovery_files()
        assert len(recoveries) <= 1, recoveries
        if accepted:
            assert recoveries, f"kill {k}: the recovery file is gone"
        if recoveries:
            soak.validate(recoveries[0])
            now = soak.accepted(recoveries[0])
            lost = accepted - now
            assert not lost, f"kill {k}: accepted clauses lost: {sorted(lost)[:10]}"
            accepted = now
        assert sha256(soak.saved) == saved_sha, f"kill {k}: the saved document changed"
        if k % 10 == 0 or k == kills:
            log(f"# {k} kills, {len(accepted)} clauses accepted, "
                f"{len(soak.temporaries())} temporary file(s) of the last one")

    # Restore, save at once (before any autosave).
    assert accepted, "no edit reached the recovery file"
    stats["left"] += len(soak.temporaries())
    soak.start()
    subprocess.run(["xdotool", "key", "ctrl+s"], timeout=30)
    deadline = time.monotonic() + 30
    while sha256(soak.saved) == saved_sha and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)
    soak.kill()
    soak.validate(soak.saved)
    lost = accepted - soak.accepted(soak.saved)
    assert not lost, f"the saved document lost accepted clauses: {sorted(lost)[:10]}"
    assert soak.recovery_files() == [], "the recovery file outlived the save"
    assert soak.temporaries() == [], f"temporary files left: {soak.temporaries()}"
    stats["accepted"] += len(accepted)
    return k


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    if not os.environ.get("DISPLAY"):
        print("SKIP: no X display (run under xvfb-run)")
        return SKIP
    if shutil.which("xdotool") is None:
        print("SKIP: xdotool is not installed")
        return SKIP
    kills = int(os.environ.get("CM_SOAK_KILLS", "8"))
    rng = random.Random(int(os.environ.get("CM_SOAK_SEED", "9")))
    started = time.monotonic()
    stats = {"in_save": 0, "after_save": 0, "random": 0, "accepted": 0, "epochs": 0,
             "left": 0}
    with tempfile.TemporaryDirectory(prefix="clausemark-window-soak-") as work:
        soak = Soak(os.path.abspath(sys.argv[1]), work)
        k = 0
        while k < kills:
            k = run_epoch(soak, k, kills, rng, stats)
        log(f"window soak: {kills} SIGKILLs ({stats['in_save']} inside an autosave, with its "
            f"temporary file on disk; {stats['after_save']} right after one; {stats['random']} "
            f"at random moments) in {time.monotonic() - started:.0f} s, over "
            f"{stats['epochs']} document(s); {stats['accepted']} accepted clauses, none lost; "
            f"0 invalid recovery files; each document's recovery restored and saved, "
            f"{stats['left']} temporary file(s) left by kills removed, none left")
    return 0


if __name__ == "__main__":
    sys.exit(main())
