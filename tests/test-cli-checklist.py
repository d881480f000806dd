#!/usr/bin/env python3
"""Clause flags and the disclosure checklist through clausemark-cli:
- every verdict of the policies written with known gaps (tests/data/checklist);
- the Chinese sensitive-data rules on their own fixtures (tests/data/sensitive-zh.tsv,
  sensitive-zh-hard.tsv);
- the bundled checklists against their schema; bad checklist files are refused
  with an error naming the file."""

import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

BUILD = os.environ["CM_BUILD_DIR"]
SOURCE = os.environ["CM_SOURCE_DIR"]
CLI = os.path.join(BUILD, "src", "cli", "clausemark-cli")
SHARED = os.environ.get("CM_SHARED_DIR", "")
APPSI = os.path.join(SHARED, "corpora", "appsi139")
CAPP = os.path.join(SHARED, "corpora", "capp130")
DATA = os.path.join(SOURCE, "data")
FIXTURES = os.path.join(SOURCE, "tests", "data", "checklist")


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=300)


class ChecklistTest(unittest.TestCase):
    def test_every_verdict_of_the_written_policies(self):
        with open(os.path.join(FIXTURES, "expected.json"), encoding="utf-8") as f:
            expected = json.load(f)
        for name, per_checklist in expected.items():
            if name.startswith("_"):
                continue
            args = ["checklist", "--json", os.path.join(FIXTURES, name)]
            for checklist in per_checklist:
                args += ["--checklist", checklist]
            r = run(*args)
            self.assertEqual(r.returncode, 0, r.stderr)
            got = {(entry["checklist"], item["item"]): item for entry in json.loads(r.stdout)
                   for item in entry["items"]}
            for checklist, items in per_checklist.items():
                for item, verdict in items.items():
                    with self.subTest(policy=name, item=item):
                        self.assertEqual(got[(checklist, item)]["verdict"], verdict)
                        # Present and unclear verdicts point at their evidence.
                        if verdict in ("present", "unclear"):
                            self.assertTrue(got[(checklist, item)]["evidence"])

    def test_evidence_is_the_clause_that_says_it(self):
        r = run("checklist", "--json", "--checklist", "pipl",
                os.path.join(FIXTURES, "complete-zh.txt"))
        self.assertEqual(r.returncode, 0, r.stderr)
        items = {i["item"]: i for i in json.loads(r.stdout)[0]["items"]}
        with tempfile.TemporaryDirectory() as tmp:
            r = run("annotate", os.path.join(FIXTURES, "complete-zh.txt"), "-o", tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(os.path.join(tmp, "complete-zh.json"), encoding="utf-8") as f:
                doc = json.load(f)
        text = {c["id"]: doc["text"][c["start"]:c["end"]] for c in doc["clauses"]}
        self.assertTrue(any("30天" in text[c] for c in items["retention-period"]["evidence"]))
        self.assertTrue(any("400-820-1234" in text[c] or "privacy@qingning" in text[c]
                            for c in items["handler-contact"]["evidence"]))

    def test_bundled_checklists_match_the_schema(self):
        r = subprocess.run([sys.executable, os.path.join(SOURCE, "tests", "validate-json.py"),
                            os.path.join(DATA, "checklist.schema.json"),
                            os.path.join(DATA, "checklists")], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_saved_overrides_validate_and_rule(self):
        """A reviewer's override saved in the document: validate and the schema
        accept it, checklist reports it in place of the rules' verdict, and a
        wrong verdict is refused naming the file."""
        with tempfile.TemporaryDirectory() as tmp:
            r = run("annotate", os.path.join(FIXTURES, "gaps-en.txt"), "-o", tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            path = os.path.join(tmp, "gaps-en.json")
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
            self.assertNotIn("checklist_overrides", doc)
            r = run("checklist", "--json", "--checklist", "gdpr", path)
            before = {i["item"]: i for i in json.loads(r.stdout)[0]["items"]}
            item = next(i for i, v in before.items() if v["verdict"] == "absent")
            doc["checklist_overrides"] = [{"checklist": "gdpr", "item": item, "verdict": "present",
                                           "note": "stated in the cookie notice", "reviewer": "ana",
                                           "timestamp": "2026-11-30T19:00:00Z"}]
            with open(path, "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False)
            r = run("validate", path)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            r = subprocess.run([sys.executable, os.path.join(SOURCE, "tests", "validate-json.py"),
                                os.path.join(DATA, "clausemark-document.schema.json"), path],
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            r = run("checklist", "--json", "--checklist", "gdpr", path)
            self.assertEqual(r.returncode, 0, r.stderr)
            after = {i["item"]: i for i in json.loads(r.stdout)[0]["items"]}
            self.assertEqual(after[item]["verdict"], "present")
            doc["checklist_overrides"][0]["verdict"] = "maybe"
            with open(path, "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False)
            r = run("validate", path)
            self.assertEqual(r.returncode, 3, r.stdout + r.stderr)
            self.assertIn("gaps-en.json", r.stdout + r.stderr)
            self.assertIn("unknown verdict", r.stdout + r.stderr)

    def test_bad_checklist_is_refused_naming_the_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            bad = os.path.join(tmp, "mine.json")
            with open(bad, "w", encoding="utf-8") as f:
                json.dump({"format": "clausemark-checklist", "version": 1, "id": "mine",
                           "name": {"en": "Mine", "zh": "我的"}, "languages": ["en"],
                           "items": [{"id": "x", "law": "L", "severity": 2,
                                      "name": {"en": "X", "zh": "X"},
                                      "description": {"en": "X", "zh": "X"},
                                      "present": [{"anchors": ["fax"]}]}]}, f)
            r = run("checklist", "--checklist", bad, os.path.join(FIXTURES, "gaps-en.txt"))
            self.assertEqual(r.returncode, 1)
            self.assertIn("mine.json", r.stderr)
            self.assertIn("unknown anchor", r.stderr)
            # validate checks checklist files with the loader's rules (it took
            # them for documents: "not a Clausemark document")
            r = run("validate", bad)
            self.assertEqual(r.returncode, 3, r.stdout + r.stderr)
            self.assertIn("mine.json", r.stderr)
            self.assertIn("unknown anchor", r.stderr)
        r = run("validate", os.path.join(DATA, "checklists"))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.stdout.count(": OK"), len(os.listdir(os.path.join(DATA, "checklists"))))


class FlagTest(unittest.TestCase):
    def rules_figures(self, fixture):
        r = run("eval", "--flags", "sensitive", "--lang", "zh", "--json",
                "--data", os.path.join(SOURCE, "tests", "data", fixture))
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)["labels"]["sensitive"]

    def test_chinese_sensitive_rules_on_their_fixtures(self):
        figures = self.rules_figures("sensitive-zh.tsv")
        self.assertGreaterEqual(figures["precision"], 0.9)
        self.assertGreaterEqual(figures["recall"], 0.85)

    def test_chinese_sensitive_rules_on_hard_negatives(self):
        # sentences that name a category but deny processing it ("我们无法
        # 获取", "不会进行人脸识别"), define it, or use its word otherwise
        # (健康发展, 产品定位); written for Clausemark
        figures = self.rules_figures("sensitive-zh-hard.tsv")
        self.assertEqual(figures["support"], 55)
        self.assertGreaterEqual(figures["precision"], 0.93)
        self.assertGreaterEqual(figures["recall"], 0.93)

    # The shipped flag models on data they were not trained on: APPSI-139's
    # dev splits (README "Clause flags": 0.823, 0.231, 0.426). A retrained
    # model that does worse there, or a flagger that scores differently
    # from the evaluation, fails here. Skipped without ../shared.
    @unittest.skipUnless(os.path.isdir(APPSI), "../shared is absent: the flag figures need APPSI-139")
    def test_shipped_english_flags_on_dev(self):
        for flag, split, floor in (("key", "important", 0.82), ("risk", "risk", 0.23),
                                   ("sensitive", "sensitive", 0.42)):
            r = run("eval", "--model", os.path.join(SOURCE, "data", "models", "flags", "en-%s.cmmodel" % flag),
                    "--data", os.path.join(APPSI, split, "dev.txt"), "--json")
            self.assertEqual(r.returncode, 0, r.stderr)
            f1 = json.loads(r.stdout)["labels"][flag]["f1"]
            self.assertGreaterEqual(f1, floor, "en %s F1 on %s/dev.txt" % (flag, split))

    # The shipped zh flag models are trained on every CAPP-130 policy (their
    # held-out figures are grouped CV, flags.manifest.json), so this is a
    # sanity floor on training data that catches a broken model or flagger
    # (measured: key 0.940, risk 0.495 on these three policies), not a
    # quality figure. The risk model's C 0.03 fits its training data less
    # than C 0.25 did (0.662 here) while its grouped-CV F1 rose 0.451 ->
    # 0.467, so this floor went from 0.60 to 0.47.
    @unittest.skipUnless(os.path.isdir(CAPP), "../shared is absent: the flag figures need CAPP-130")
    def test_shipped_chinese_flags_sanity(self):
        files = [os.path.join(CAPP, "annotations", "rw_%d.jsonl" % n) for n in (2, 3, 130)]
        r = run("eval", "--flags", "key,risk", "--lang", "zh", "--json",
                *[a for f in files for a in ("--data", f)])
        self.assertEqual(r.returncode, 0, r.stderr)
        labels = json.loads(r.stdout)["labels"]
        self.assertGreaterEqual(labels["key"]["f1"], 0.92)
        self.assertGreaterEqual(labels["risk"]["f1"], 0.47)

    def test_annotate_flags_clauses(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = run("annotate", os.path.join(FIXTURES, "complete-zh.txt"), "-o", tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            r = run("checklist", "--json", "--checklist", "pipl", os.path.join(tmp, "complete-zh.json"))
            self.assertEqual(r.returncode, 0, r.stderr)
            items = {i["item"]: i["verdict"] for i in json.loads(r.stdout)[0]["items"]}
            # The face-image clause is flagged sensitive, so Art. 30 applies.
            self.assertEqual(items["sensitive-data"], "present")


if __name__ == "__main__":
    unittest.main(verbosity=2)
