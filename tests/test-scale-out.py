#!/usr/bin/env python3
"""Scale-out proven on real engines (issue 9): `annotate --jsonl -` runs as
the map step under GNU parallel and under Dask distributed (a LocalCluster of
2 worker processes, partitions piped through the CLI). The output must equal
the single-process output record for record; a failing record is reported
and skipped by every engine alike; a killed worker loses nothing (the engine
retries its block or task)."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

BUILD = os.environ["CM_BUILD_DIR"]
SOURCE = os.environ["CM_SOURCE_DIR"]
CLI = os.path.join(BUILD, "src", "cli", "clausemark-cli")
DASK_DRIVER = os.path.join(SOURCE, "tests", "scale-out-dask.py")

ZH = ["我们会收集您的手机号码，用于注册账号。", "我们不会向第三方出售您的个人信息。",
      "您可以随时删除您的账号；删除后我们将停止处理您的信息。", "如您未满十四周岁，请在监护人同意后使用。"]
EN = ["We collect your e-mail address when you register.", "We share data with our partners.",
      "You may delete your account at any time.", "We keep server logs for thirty days."]


def records(n):
    out = []
    for i in range(n):
        lines = (ZH if i % 2 else EN)
        text = f"{i % 7 + 1}. " + " ".join(lines[(i + k) % 4] for k in range(1 + i % 4))
        out.append(json.dumps({"id": f"policy-{i:03}", "text": text}, ensure_ascii=False))
    return out


def python_with_distributed():
    for python in (sys.executable, "/usr/bin/python3"):
        if python and os.path.exists(python) and subprocess.run(
                [python, "-c", "import distributed"], capture_output=True).returncode == 0:
            return python
    return None


class ScaleOutTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="clausemark-scale-out-")
        lines = records(48)
        lines.insert(17, '{"id": "broken", "text": ')          # a failing record
        cls.input = os.path.join(cls.tmp.name, "in.jsonl")
        with open(cls.input, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        with open(cls.input, encoding="utf-8") as f:
            r = subprocess.run([CLI, "annotate", "--jsonl", "-", "--no-model"], stdin=f,
                               capture_output=True, text=True, timeout=300)
        cls.single_status, cls.single = r.returncode, r.stdout.splitlines()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def assert_same_records(self, lines):
        self.assertEqual(len(self.single), 48)
        self.assertEqual(self.single_status, 1, "the failing record must be reported")
        self.assertEqual(len(lines), len(self.single))
        for mine, theirs in zip(lines, self.single):
            self.assertEqual(json.loads(mine), json.loads(theirs))

    def run_parallel(self, command):
        if shutil.which("parallel") is None:
            self.skipTest("GNU parallel is not installed (scripts/deps.sh installs it)")
        with open(self.input, encoding="utf-8") as f:
            return subprocess.run(["parallel", "--will-cite", "--pipe", "-N", "5", "-j", "2",
                                   "--keep-order", "--retries", "3", command],
                                  stdin=f, capture_output=True, text=True, timeout=600)

    def test_gnu_parallel(self):
        r = self.run_parallel(f"{CLI} annotate --jsonl - --no-model")
        self.assertNotEqual(r.returncode, 0, "the failing record's block must fail")
        self.assertIn("expected", r.stderr)
        self.assert_same_records(r.stdout.splitlines())

    def test_gnu_parallel_killed_worker(self):
        marker_dir = tempfile.mkdtemp(dir=self.tmp.name)
        # The first attempt of every third block is SIGKILLed before it answers.
        wrapper = os.path.join(self.tmp.name, "flaky-worker.sh")
        with open(wrapper, "w") as f:
            f.write("#!/bin/sh\n"
                    f'm="{marker_dir}/$PARALLEL_SEQ"\n'
                    'if [ $((PARALLEL_SEQ % 3)) -eq 0 ] && mkdir "$m" 2>/dev/null; then\n'
                    "  kill -9 $$\n"
                    "fi\n"
                    f'exec "{CLI}" annotate --jsonl - --no-model\n')
        os.chmod(wrapper, 0o755)
        r = self.run_parallel(wrapper)
        self.assertGreater(len(os.listdir(marker_dir)), 0, "no worker was killed")
        self.assert_same_records(r.stdout.splitlines())

    def run_dask(self, *extra):
        python = python_with_distributed()
        if python is None:
            self.skipTest("python3-distributed is not installed (scripts/deps.sh installs it)")
        return subprocess.run([python, DASK_DRIVER, CLI, self.input, "7", *extra],
                              capture_output=True, text=True, timeout=600)

    def test_dask_distributed(self):
        r = self.run_dask()
        self.assertEqual(r.returncode, 1, r.stderr[-2000:])
        self.assert_same_records(r.stdout.splitlines())

    def test_dask_distributed_killed_worker(self):
        marker = os.path.join(self.tmp.name, "dask-killed")
        r = self.run_dask(marker)
        self.assertTrue(os.path.exists(marker), "no worker was killed")
        self.assert_same_records(r.stdout.splitlines())


if __name__ == "__main__":
    unittest.main(verbosity=2)
