#!/usr/bin/env python3
"""clausemark-cli end to end: annotate (files and JSONL), split-pair, validate,
stats, bad input. Every JSON file the CLI writes is checked against the
published schema with an independent validator (python3-jsonschema)."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

BUILD = os.environ["CM_BUILD_DIR"]
SOURCE = os.environ["CM_SOURCE_DIR"]
CLI = os.path.join(BUILD, "src", "cli", "clausemark-cli")
DATA = os.path.join(SOURCE, "data")
SAMPLES = os.path.join(DATA, "samples")

VALIDATOR = os.path.join(SOURCE, "tests", "validate-json.py")
DOCUMENT_SCHEMA = os.path.join(DATA, "clausemark-document.schema.json")
CORPUS_SCHEMA = os.path.join(DATA, "clausemark-corpus.schema.json")


def run(*args, stdin=None):
    return subprocess.run([CLI, *args], input=stdin, capture_output=True, text=True,
                          timeout=300)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class CliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="clausemark-cli-test-")
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def assert_schema_valid(self, path):
        schema = CORPUS_SCHEMA if path.endswith("clausemark-corpus.json") else DOCUMENT_SCHEMA
        r = subprocess.run([sys.executable, VALIDATOR, schema, path], capture_output=True,
                           text=True)
        self.assertEqual(r.returncode, 0, f"{path} violates {schema}: {r.stdout} {r.stderr}")

    def assert_offsets_sane(self, doc):
        text = doc["text"]
        previous_end = 0
        for clause in doc["clauses"]:
            start, end = clause["start"], clause["end"]
            self.assertLessEqual(previous_end, start, clause["id"])
            self.assertLess(start, end, clause["id"])
            piece = text[start:end]  # Python slices by code point, like the format
            self.assertEqual(piece, piece.strip(), f"{clause['id']} has edge whitespace")
            previous_end = end

    def test_annotate_samples(self):
        out = os.path.join(self.dir, "out")
        inputs = [os.path.join(SAMPLES, n) for n in ("sample-zh.txt", "sample-en.txt",
                                                      "sample.html")]
        r = run("annotate", "-o", out, *inputs)
        self.assertEqual(r.returncode, 0, r.stderr)
        files = sorted(f for f in os.listdir(out) if f.endswith(".json"))
        self.assertIn("clausemark-corpus.json", files)
        docs = [f for f in files if f != "clausemark-corpus.json"]
        self.assertEqual(len(docs), 3, files)
        for name in files:
            self.assert_schema_valid(os.path.join(out, name))
        for name in docs:
            doc = load(os.path.join(out, name))
            self.assertGreater(len(doc["clauses"]), 20, name)
            self.assert_offsets_sane(doc)
            labelled = [c for c in doc["clauses"] if c.get("suggestions")]
            self.assertGreater(len(labelled), len(doc["clauses"]) // 4,
                               f"{name}: the bundled models labelled too few clauses")
        zh = load(os.path.join(out, "sample-zh.json"))
        self.assertEqual(zh["language"], "zh")
        self.assertEqual(zh["source"]["loader"], "text")
        html = load(os.path.join(out, "sample.json"))
        self.assertEqual(html["source"]["loader"], "html")
        self.assertEqual(html["language"], "en")

        r = run("validate", out)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        r = run("stats", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("clauses", r.stdout)

    def test_jsonl_stream(self):
        lines = [
            json.dumps({"id": "a", "text": "一、我们收集的信息\n我们会收集您的手机号码。我们不会出售您的信息。"}),
            "{not json",
            json.dumps({"id": "b", "text": "1. We share data with partners. You may delete your account."}),
            json.dumps({"id": "c"}),
        ]
        r = run("annotate", "--jsonl", "-", stdin="\n".join(lines) + "\n")
        self.assertEqual(r.returncode, 1, "bad records must make the exit code non-zero")
        self.assertIn("line 2", r.stderr)
        self.assertIn("line 4", r.stderr)
        out_lines = [l for l in r.stdout.split("\n") if l]
        self.assertEqual(len(out_lines), 2)
        for i, line in enumerate(out_lines):
            path = self.write(f"rec{i}.json", line.encode())
            self.assert_schema_valid(path)
        a, b = (json.loads(l) for l in out_lines)
        self.assertEqual((a["id"], a["language"]), ("a", "zh"))
        self.assertEqual((b["id"], b["language"]), ("b", "en"))
        self.assertGreaterEqual(len(a["clauses"]), 3)
        self.assertGreaterEqual(len(b["clauses"]), 2)

    def test_split_pair(self):
        out = os.path.join(self.dir, "pair")
        r = run("split-pair", "-o", out, os.path.join(SAMPLES, "sample-pair.txt"))
        self.assertEqual(r.returncode, 0, r.stderr)
        docs = sorted(f for f in os.listdir(out) if f != "clausemark-corpus.json"
                      and f.endswith(".json"))
        self.assertEqual(docs, ["sample-pair-en.json", "sample-pair-zh.json"])
        en = load(os.path.join(out, docs[0]))
        zh = load(os.path.join(out, docs[1]))
        self.assertEqual(en["language"], "en")
        self.assertEqual(zh["language"], "zh")
        self.assertEqual(en["pair"]["partner"], zh["id"])
        self.assertEqual(zh["pair"]["partner"], en["id"])
        for d in docs:
            self.assert_schema_valid(os.path.join(out, d))

    def test_bad_inputs_are_reported_and_others_still_written(self):
        empty = self.write("empty.txt", b"")
        binary = self.write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
        # Bytes no encoding accepts: 0x81 0x20 is no GB18030 or Big5 pair, not UTF-8,
        # and 0x81/0x8D/0x8F/0x90/0x9D are unassigned in Windows-1252.
        invalid = self.write("broken.txt",
                             b"policy text \x81\x20\x8d\x20\x8f\x20\x90\x20\x9d\x20 more\n" * 20)
        good = self.write("good.txt", "一、总则\n我们重视您的隐私。".encode("gb18030"))
        out = os.path.join(self.dir, "out")
        r = run("annotate", "-o", out, empty, binary, invalid, good)
        self.assertEqual(r.returncode, 1)
        for path in (empty, binary, invalid):
            self.assertIn(path, r.stderr)
        self.assertTrue(os.path.exists(os.path.join(out, "good.json")))
        good_doc = load(os.path.join(out, "good.json"))
        self.assertEqual(good_doc["source"]["encoding"], "GB18030")
        self.assertFalse(os.path.exists(os.path.join(out, "empty.json")))

        missing = run("annotate", "-o", out, os.path.join(self.dir, "nope.txt"))
        self.assertEqual(missing.returncode, 1)
        self.assertIn("nope.txt", missing.stderr)

    def test_validate_refuses_foreign_and_newer_files(self):
        out = os.path.join(self.dir, "out")
        self.assertEqual(run("annotate", "--no-model", "-o", out,
                             os.path.join(SAMPLES, "sample-en.txt")).returncode, 0)
        doc = load(os.path.join(out, "sample-en.json"))
        doc["version"] = 99
        newer = self.write("newer.json", json.dumps(doc).encode())
        foreign = self.write("foreign.json", b'{"hello": "world"}')
        truncated = self.write("truncated.json",
                               open(os.path.join(out, "sample-en.json"), "rb").read()[:500])
        for path, word in ((newer, "99"), (foreign, "format"), (truncated, "")):
            r = run("validate", path)
            self.assertEqual(r.returncode, 3, f"{path}: {r.stdout} {r.stderr}")
            self.assertIn(os.path.basename(path), r.stdout + r.stderr)
            self.assertIn(word, r.stdout + r.stderr)

    def test_eval_json(self):
        # a topic file written here (CAPP-130 vector order): collection, contact, none
        data = self.write("topics.txt", (
            "我们会收集您的手机号码和设备信息。\t[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]\n"
            "如有疑问，请发送邮件至 privacy@example.com 与我们联系。\t[0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0]\n"
            "欢迎使用本应用。\t[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]\n").encode())
        model = os.path.join(DATA, "models", "zh.cmmodel")
        r = run("eval", "--model", model, "--data", data, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        figures = json.loads(r.stdout)
        self.assertEqual(figures["examples"], 3)
        self.assertEqual(figures["labels"]["collection"]["support"], 1)
        self.assertEqual(figures["labels"]["contact"]["support"], 1)
        self.assertTrue(0 <= figures["micro_f1"] <= 1)
        self.assertEqual(sum(b["pairs"] for b in figures["reliability"]), 3 * 11)
        # --bench --json: one JSON object with the medians, not the readable lines
        r = run("eval", "--model", model, "--data", data, "--bench", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        bench = json.loads(r.stdout)
        self.assertEqual((bench["sentences"], bench["runs"]), (3, 7))
        self.assertGreater(bench["sentences_per_cpu_second"], 0)
        self.assertGreater(bench["load_ms"], 0)

    def test_threshold_options_refused(self):
        data = self.write("topics.txt", "我们会收集您的手机号码。\t[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]\n".encode())
        out = os.path.join(self.dir, "m.cmmodel")
        for bad in (["--threshold-blend", "1.5"], ["--threshold-blend", "-0.5"], ["--thresholds-from", "some"]):
            r = run("train", "--lang", "zh", "--data", data, *bad, "-o", out)
            self.assertEqual(r.returncode, 2, bad)
            self.assertIn("--threshold", r.stderr)
        # a flag model has one label: "labelled" would mean its positives
        r = run("train", "--lang", "zh", "--flags", "risk", "--thresholds-from", "labelled",
                "--data", data, "-o", out)
        self.assertEqual(r.returncode, 2)
        self.assertIn("not --flags", r.stderr)
        self.assertFalse(os.path.exists(out))
        # in range, for a topic model: taken
        items = ["手机号码", "电子邮箱", "设备型号", "位置信息", "通讯录", "浏览记录"]
        lines = []
        for i in range(60):
            lines.append("我们会收集您的%s（第%d项）。\t[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]" % (items[i % 6], i))
            lines.append("如有疑问，请发送邮件至 help%d@example.com 联系我们。\t[0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0]" % i)
            lines.append("欢迎阅读第%d章的说明。\t[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]" % i)
        data = self.write("more-topics.txt", ("\n".join(lines) + "\n").encode())
        r = run("train", "--lang", "zh", "--data", data, "--thresholds-from", "labelled",
                "--threshold-blend", "0.5", "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(os.path.exists(out))

    def test_data_weight(self):
        items = ["手机号码", "电子邮箱", "设备型号", "位置信息", "通讯录", "浏览记录"]
        lines = []
        for i in range(60):
            lines.append("我们会收集您的%s（第%d项）。\t[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]" % (items[i % 6], i))
            lines.append("欢迎阅读第%d章的说明。\t[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]" % i)
        data = self.write("weighted-topics.txt", ("\n".join(lines) + "\n").encode())
        other = self.write("other-topics.txt", "我们会收集您的姓名。\t[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]\n".encode())
        out = os.path.join(self.dir, "weighted.cmmodel")
        # a weight out of range, no "=", or a file that is not trained on: usage errors, no model
        for bad in (data + "=0", data + "=11", data + "=two", data, other + "=2"):
            r = run("train", "--lang", "zh", "--data", data, "--data-weight", bad, "-o", out)
            self.assertEqual(r.returncode, 2, bad)
            self.assertIn("--data-weight", r.stderr, bad)
            self.assertFalse(os.path.exists(out), bad)
        r = run("train", "--lang", "zh", "--data", data, "--data", other, "--data-weight", other + "=3",
                "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(os.path.exists(out))

    def test_usage(self):
        for cmd in ("annotate", "split-pair", "validate", "stats"):
            r = run(cmd, "--help")
            self.assertEqual(r.returncode, 0, cmd)
            self.assertIn("Usage", r.stdout, cmd)
        self.assertEqual(run("annotate").returncode, 2)
        self.assertEqual(run("no-such-command").returncode, 2)

    def test_window_usage_names_files(self):
        # `clausemark --help` said only "clausemark [OPTION…]" though the window
        # opens the files and folders it is given (README: clausemark [FILE|DIR]...)
        gui = os.path.join(BUILD, "src", "gui", "clausemark")
        if not os.path.exists(gui):
            self.skipTest("the window is not built (-Dgui=disabled)")
        r = subprocess.run([gui, "--help"], capture_output=True, text=True, timeout=60,
                           env=dict(os.environ, LANGUAGE="en", LC_ALL="C.UTF-8"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("clausemark [OPTION…] [FILE|FOLDER…]", r.stdout)
        self.assertIn("corpus folders", r.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
