#!/usr/bin/env python3
# test-annotation-repeats.py — scripts/annotation-repeats on policies
# written here, where every figure can be counted by hand: three policies
# share a usage sentence (marked in two of them) and two share a security
# sentence (marked in both, 摘要 in one); a fake --dump-scores directory
# gives the model's decisions.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import struct
import subprocess
import sys
import tempfile
import unittest

SOURCE = os.environ.get("CM_SOURCE_DIR", os.path.join(os.path.dirname(__file__), ".."))
SCRIPT = os.path.join(SOURCE, "scripts", "annotation-repeats")
# Debian's python3-numpy (for --dump) lives with the system interpreter.
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable

USAGE = "我们会使用您的信息改进服务。"
SECURITY = "我们采取加密措施保护数据安全。"
POLICIES = [
    [(USAGE, ["使用"]), (SECURITY, ["安全措施", "摘要"]), ("短句", [])],
    [(USAGE, ["使用"]), (" 我们采取加密措施 保护数据安全。", ["安全措施"])],  # white space aside
    [(USAGE, []), ("本政策更新后我们会通知您。", ["隐私政策的授权、修改与变更"])],
]
TOPICS = ['数据收集', '权限获取', '共享、委托、转让、公开（披露）', '使用', '存储方式', '安全措施',
          '特殊人群', '数据、权限管理', '联系方式', '隐私政策的授权、修改与变更', '停止运营']


def row(output, label):
    for line in output.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0] == label:
            return cells[1:]
    raise AssertionError("no row for %s in:\n%s" % (label, output))


class AnnotationRepeatsTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="cm-repeats-")
        self.files = []
        for i, sentences in enumerate(POLICIES):
            path = os.path.join(self.dir, "rw_%d.jsonl" % (i + 1))
            with open(path, "w", encoding="utf-8") as f:
                for text, labels in sentences:
                    f.write(json.dumps({"text": text, "label": labels}, ensure_ascii=False) + "\n")
            self.files.append(path)

    def run_script(self, *args):
        return subprocess.run([PYTHON, SCRIPT, *args], capture_output=True, text=True)

    def write_dump(self, n):
        """Folds 0/1; the model says usage (score 1 >= cut 0.5) on every copy of USAGE
        (sentences 0, 3, 5) and nothing else."""
        dump = os.path.join(self.dir, "dump")
        os.makedirs(dump, exist_ok=True)
        L, K = len(TOPICS), 2
        scores = [0.0] * (n * L)
        for i in (0, 3, 5):
            scores[i * L + 3] = 1.0
        arrays = {
            "fold": ("u32", [i % 2 for i in range(n)], n, 1, "<%dI"),
            "scores": ("f64", scores, n, L, "<%dd"),
            "calibration": ("f64", [0.5, 1.0, 0.0] * (K * L), K, L * 3, "<%dd"),
        }
        manifest = {"values": {"examples": n, "labels": L, "folds": K}, "arrays": {}}
        for name, (kind, values, rows, cols, fmt) in arrays.items():
            with open(os.path.join(dump, name + ".bin"), "wb") as f:
                f.write(struct.pack(fmt % len(values), *values))
            manifest["arrays"][name] = {"type": kind, "rows": rows, "cols": cols}
        with open(os.path.join(dump, "manifest.json"), "w") as f:
            json.dump(manifest, f)
        return dump

    def test_agreement_by_hand(self):
        r = self.run_script(*self.files)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("2 sentences of at least 8 characters occur in two or more policies, 5 copies",
                      r.stdout)
        # usage marked on 2 of 3 copies: pairs agree 4 of 8 marks -> 0.5; the other
        # copies' majority never says yes where it is right -> 0; answering yes for
        # the sentence: P 2/3, R 1 -> 0.8
        self.assertEqual(row(r.stdout, "使用"), ["2", "0.500", "0.000", "0.800"])
        self.assertEqual(row(r.stdout, "安全措施"), ["2", "1.000", "1.000", "1.000"])
        self.assertEqual(row(r.stdout, "摘要"), ["1", "0.000", "0.000", "0.667"])
        # a sentence in one policy only is not a repeat
        self.assertEqual(row(r.stdout, "隐私政策的授权、修改与变更")[0], "0")

    def test_model_columns_from_a_dump(self):
        dump = self.write_dump(7)
        r = self.run_script("--dump", dump, *self.files)
        self.assertEqual(r.returncode, 0, r.stderr)
        # usage on all three copies: P 2/3, R 1 -> 0.8 on the copies and on every sentence
        self.assertEqual(row(r.stdout, "使用")[4:], ["0.800", "0.800"])
        self.assertEqual(row(r.stdout, "安全措施")[4:], ["0.000", "0.000"])
        self.assertEqual(row(r.stdout, "摘要")[4:], ["—", "—"])
        # a dump of other files is refused, not misread
        other = self.write_dump(6)
        r = self.run_script("--dump", other, *self.files)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("the dump has 6 examples, the files 7", r.stderr)


if __name__ == "__main__":
    unittest.main()
