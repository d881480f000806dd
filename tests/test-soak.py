#!/usr/bin/env python3
"""Crash-safety soak (issue 9): `annotate -o DIR` is SIGKILLed at random
moments while it saves a corpus, again and again. After every kill, every
document in the folder is valid and none that existed before is lost; at
the end one complete run leaves every document and no temporary file.

CM_SOAK_KILLS sets the number of kills (20 here, in CI; scripts/soak runs
200). Prints the figures."""

import os
import random
import signal
import subprocess
import tempfile
import time
import unittest

BUILD = os.environ["CM_BUILD_DIR"]
SOURCE = os.environ["CM_SOURCE_DIR"]
CLI = os.path.join(BUILD, "src", "cli", "clausemark-cli")
SAMPLES = os.path.join(SOURCE, "data", "samples")
KILLS = int(os.environ.get("CM_SOAK_KILLS", "20"))


class SoakTest(unittest.TestCase):
    def test_sigkill_during_corpus_saves(self):
        rng = random.Random(int(os.environ.get("CM_SOAK_SEED", "9")))
        with tempfile.TemporaryDirectory(prefix="clausemark-soak-") as tmp:
            inputs = []
            texts = [open(os.path.join(SAMPLES, n), encoding="utf-8").read()
                     for n in ("sample-zh.txt", "sample-en.txt")]
            for i in range(40):
                # Mostly small files, a few of a few MB, so that saves take time.
                repeat = 40 if i % 10 == 0 else 1 + i % 5
                path = os.path.join(tmp, f"policy-{i:02}.txt")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(texts[i % 2] * repeat)
                inputs.append(path)
            out = os.path.join(tmp, "corpus")
            command = [CLI, "annotate", "--no-model", "-o", out, *inputs]

            start = time.monotonic()
            subprocess.run(command, capture_output=True, check=True, timeout=600)
            full_run = time.monotonic() - start
            expected = sorted(f for f in os.listdir(out) if f.endswith(".json"))

            kills = killed_while_running = 0
            for _ in range(KILLS):
                before = {f for f in os.listdir(out) if f.endswith(".json")}
                proc = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
                time.sleep(rng.uniform(0.0, full_run))
                if proc.poll() is None:
                    killed_while_running += 1
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                kills += 1
                after = {f for f in os.listdir(out) if f.endswith(".json")}
                self.assertTrue(before <= after, f"lost after kill {kills}: {before - after}")
                r = subprocess.run([CLI, "validate", "-q", out], capture_output=True, text=True,
                                   timeout=600)
                self.assertEqual(r.returncode, 0, f"after kill {kills}: {r.stderr[-1000:]}")

            stale = [f for f in os.listdir(out) if ".tmp-" in f]
            subprocess.run(command, capture_output=True, check=True, timeout=600)
            left = [f for f in os.listdir(out) if ".tmp-" in f]
            self.assertEqual(left, [], "temporary files left after a complete run")
            self.assertEqual(sorted(f for f in os.listdir(out) if f.endswith(".json")), expected)
            print(f"soak: {kills} SIGKILLs ({killed_while_running} while annotate ran), "
                  f"full run {full_run:.2f} s, {len(stale)} temporaries left by the kills "
                  f"before the final run, 0 after; 0 invalid, 0 lost")


if __name__ == "__main__":
    unittest.main(verbosity=2)
