#!/usr/bin/env python3
"""A 50 MB policy file: annotate completes, the output is a valid document
covering the whole text, and peak memory stays bounded (a few copies of the
input, not a blow-up per clause)."""

import json
import os
import resource
import subprocess
import sys
import tempfile

BUILD = os.environ["CM_BUILD_DIR"]
SOURCE = os.environ["CM_SOURCE_DIR"]
CLI = os.path.join(BUILD, "src", "cli", "clausemark-cli")
SAMPLES = os.path.join(SOURCE, "data", "samples")
SIZE = 50 * 1024 * 1024
RSS_LIMIT_MB = 1500


def main():
    with tempfile.TemporaryDirectory(prefix="clausemark-large-") as tmp:
        chunk = ""
        for name in ("sample-zh.txt", "sample-en.txt"):
            with open(os.path.join(SAMPLES, name), encoding="utf-8") as f:
                chunk += f.read() + "\n"
        data = chunk.encode("utf-8")
        path = os.path.join(tmp, "huge.txt")
        with open(path, "wb") as f:
            written = 0
            while written < SIZE:
                f.write(data)
                written += len(data)
        out = os.path.join(tmp, "out")
        r = subprocess.run([CLI, "annotate", "-o", out, path], capture_output=True, text=True,
                           timeout=900)
        if r.returncode != 0:
            print(f"annotate failed ({r.returncode}): {r.stderr}")
            return 1
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        with open(os.path.join(out, "huge.json"), encoding="utf-8") as f:
            doc = json.load(f)
        n_chars = len(doc["text"])
        last_end = doc["clauses"][-1]["end"]
        print(f"input {written / 1e6:.1f} MB, {len(doc['clauses'])} clauses, "
              f"peak RSS {peak_mb:.0f} MB")
        if n_chars - last_end > 10:
            print(f"clauses stop at {last_end} of {n_chars} characters")
            return 1
        if peak_mb > RSS_LIMIT_MB:
            print(f"peak RSS {peak_mb:.0f} MB exceeds {RSS_LIMIT_MB} MB")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
