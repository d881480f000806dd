#!/usr/bin/env python3
"""clausemark-cli align, diff and compare end to end: the sample pair as two
files (either order), as one two-language file (one version after the other,
or interleaved) and as saved documents; the linked pair on disk (partner ids,
mirrored links, schema); the ranked report in text and JSON; two versions of
one language compared; an HTML page declaring its languages; bad input; the
links scored against a hand-made gold file (`align --gold`), and seed 000's
alignment against its gold (tests/data/align/seed-000.gold, read by hand;
skipped without ../shared)."""

import hashlib
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
SAMPLES = os.path.join(SOURCE, "data", "samples")
ZH = os.path.join(SAMPLES, "sample-zh.txt")
EN = os.path.join(SAMPLES, "sample-en.txt")
PAIR = os.path.join(SAMPLES, "sample-pair.txt")
VALIDATOR = os.path.join(SOURCE, "tests", "validate-json.py")
DOCUMENT_SCHEMA = os.path.join(SOURCE, "data", "clausemark-document.schema.json")
SHARED = os.environ.get("CM_SHARED_DIR", os.path.join(SOURCE, "..", "shared"))
SEED_000 = os.path.join(SHARED, "seeds", "000_ff7cdc02441bcc11.txt")
SEED_000_GOLD = os.path.join(SOURCE, "tests", "data", "align", "seed-000.gold")


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=300)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class AlignTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="clausemark-align-test-")
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def align(self, *inputs, out="pair"):
        target = os.path.join(self.dir, out)
        r = run("align", *inputs, "-o", target)
        self.assertEqual(r.returncode, 0, r.stderr)
        return target, r.stdout

    def pair_documents(self, target):
        docs = [load(os.path.join(target, n)) for n in sorted(os.listdir(target))
                if n.endswith(".json") and n != "clausemark-corpus.json"]
        self.assertEqual(len(docs), 2)
        zh = next(d for d in docs if d["language"] == "zh")
        en = next(d for d in docs if d["language"] == "en")
        return zh, en

    def test_two_files_either_order(self):
        target, out = self.align(EN, ZH)
        self.assertIn("only in Chinese 1, only in English 1", out)
        zh, en = self.pair_documents(target)
        self.assertEqual(zh["pair"]["partner"], en["id"])
        self.assertEqual(en["pair"]["partner"], zh["id"])
        zl, el = zh["pair"]["links"], en["pair"]["links"]
        self.assertEqual(len(zl), len(el))
        for a, b in zip(zl, el):
            self.assertEqual(a.get("clauses", []), b.get("partner_clauses", []))
            self.assertEqual(a.get("partner_clauses", []), b.get("clauses", []))
        # every clause of both versions is linked exactly once
        zh_ids = [c for l in zl for c in l.get("clauses", [])]
        en_ids = [c for l in zl for c in l.get("partner_clauses", [])]
        self.assertEqual(sorted(zh_ids), sorted(c["id"] for c in zh["clauses"]
                                                if c["kind"] != "boilerplate"))
        self.assertEqual(len(en_ids), len(set(en_ids)))
        if os.path.exists(VALIDATOR) and os.path.exists(DOCUMENT_SCHEMA):
            for name in os.listdir(target):
                if name.endswith(".json") and name != "clausemark-corpus.json":
                    r = subprocess.run([sys.executable, VALIDATOR, DOCUMENT_SCHEMA,
                                        os.path.join(target, name)], capture_output=True, text=True)
                    self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_diff_report(self):
        target, _ = self.align(ZH, EN)
        r = run("diff", target)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("6 months in Chinese, 3 months in English", r.stdout)
        r = run("diff", "--json", target)
        self.assertEqual(r.returncode, 0, r.stderr)
        report = json.loads(r.stdout)
        diffs = report["differences"]
        kinds = [d["kind"] for d in diffs]
        for kind in ("missing-in-en", "missing-in-zh", "anchors"):
            self.assertIn(kind, kinds)
        importances = [d["importance"] for d in diffs]
        self.assertEqual(importances, sorted(importances, reverse=True))
        # the three intended differences of the sample lead the list
        top = {d["kind"] for d in diffs[:3]}
        self.assertEqual(top, {"missing-in-en", "missing-in-zh", "anchors"})
        missing = next(d for d in diffs if d["kind"] == "missing-in-en")
        self.assertIn("高级会员", missing["zh_text"])
        r = run("diff", "--json", "--in-order", target)
        links = [d["link"] for d in json.loads(r.stdout)["differences"]]
        self.assertEqual(links, sorted(links))

    def test_diff_of_a_folder_with_two_pairs_names_them(self):
        # The README's examples once wrote split-pair and align into one folder:
        # 'diff DIR' then silently showed the split pair (0 links) instead of the
        # alignment. Now it refuses, names both pairs, and the two files work.
        target, _ = self.align(ZH, EN)
        r = run("split-pair", PAIR, "-o", target)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = run("diff", target)
        self.assertEqual(r.returncode, 2, r.stdout)
        self.assertIn("2 linked pairs", r.stderr)
        self.assertIn("sample-zh ↔ sample-en", r.stderr)
        self.assertIn("sample-pair-zh ↔ sample-pair-en", r.stderr)
        self.assertEqual(r.stdout, "")
        r = run("diff", os.path.join(target, "sample-zh.json"), os.path.join(target, "sample-en.json"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("6 months in Chinese, 3 months in English", r.stdout)

    def test_risk_on_one_side(self):
        # align flags both versions (diff needs the flags); a risk a reviewer
        # flags in the Chinese version only then ranks above every difference
        # but the sample's missing sharing clause
        target, _ = self.align(ZH, EN)
        zh, en = self.pair_documents(target)
        for doc in (zh, en):
            for clause in doc["clauses"]:
                if clause["kind"] in ("body", "list-item"):
                    self.assertGreaterEqual(clause["flag_scores"]["risk"], 0.0, clause["id"])
        r = run("diff", "--json", target)
        self.assertEqual(r.returncode, 0, r.stderr)
        before = json.loads(r.stdout)["differences"]
        anchors = next(d for d in before if d["kind"] == "anchors")
        # the models' own one-sided risk flags (thresholds near P = 0.1) are
        # unsure: they rank below the differing period
        for d in before:
            if "risk only" in d["reason"]:
                self.assertLess(d["importance"], anchors["importance"], d)
        clause = next(c for c in zh["clauses"] if c["id"] == anchors["zh_clauses"][0])
        clause["flags"] = sorted(set(clause.get("flags", [])) | {"risk"})
        clause["status"] = "corrected"
        with open(os.path.join(target, zh["id"] + ".json"), "w", encoding="utf-8") as f:
            json.dump(zh, f, ensure_ascii=False)
        r = run("diff", "--json", target)
        self.assertEqual(r.returncode, 0, r.stderr)
        diffs = json.loads(r.stdout)["differences"]
        # every earlier difference stays; new: the risk, and possibly a label
        # difference on the same link (the corrected clause's labels are now
        # a reviewer's, compared with the English model's held labels)
        seen = {(d["link"], d["reason"]) for d in before}
        self.assertTrue(seen <= {(d["link"], d["reason"]) for d in diffs})
        new = [d for d in diffs if (d["link"], d["reason"]) not in seen]
        risk = [d for d in new if "risk only in the Chinese" in d["reason"]]
        self.assertEqual(len(risk), 1, new)
        for d in new:
            self.assertEqual((d["kind"], d["link"]), ("labels", risk[0]["link"]), d)
            self.assertTrue(d is risk[0] or d["reason"].startswith("labels differ"), d)
        ranks = [i for i, d in enumerate(diffs) if "risk only in the Chinese" in d["reason"]
                 and d["zh_clauses"] == anchors["zh_clauses"]]
        self.assertEqual(len(ranks), 1)
        self.assertEqual(diffs[ranks[0]]["zh_clauses"], anchors["zh_clauses"])
        # above the differing period of the same clause and the missing
        # user-rights clause; only the missing sharing clause ranks higher
        self.assertEqual(ranks[0], 1, [d["reason"] for d in diffs[:3]])
        self.assertEqual(diffs[0]["kind"], "missing-in-en")

    def test_one_file_with_both_versions(self):
        target, out = self.align(PAIR)
        self.assertIn("only in Chinese 1, only in English 1", out)
        r = run("diff", target)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("3 months", r.stdout)

    def test_interleaved_file(self):
        # the two samples paragraph by paragraph, each Chinese one followed
        # by the English one at the same place
        def paragraphs(path):
            with open(path, encoding="utf-8") as f:
                return [p for p in f.read().split("\n\n") if p.strip()]
        zh, en = paragraphs(ZH), paragraphs(EN)
        path = os.path.join(self.dir, "interleaved.txt")
        with open(path, "w", encoding="utf-8") as f:
            for a, b in zip(zh, en):
                f.write(a + "\n\n" + b + "\n\n")
        target, out = self.align(path)
        self.assertIn("layout interleaved", out)
        zh_doc, en_doc = self.pair_documents(target)
        self.assertEqual(zh_doc["language"], "zh")
        self.assertEqual(en_doc["language"], "en")
        self.assertGreater(len(zh_doc["pair"]["links"]), 20)

    def test_html_lang_page(self):
        # tests/data/bilingual/lang-paragraphs.html declares its languages
        # in lang attributes (<html lang="zh-CN">, <p lang="en">); the old
        # script-only reading refused it as "not a two-language file"
        page = os.path.join(SOURCE, "tests", "data", "bilingual", "lang-paragraphs.html")
        r = run("split-pair", page, "-o", os.path.join(self.dir, "split"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("(html-lang)", r.stdout)
        target, out = self.align(page)
        self.assertIn("layout html-lang", out)
        self.assertIn("only in Chinese 0, only in English 0", out)
        zh_doc, en_doc = self.pair_documents(target)
        sdk = [c for c in zh_doc["clauses"]
               if zh_doc["text"][c["start"]:c["end"]].startswith("SDK：")]
        self.assertEqual(len(sdk), 1)
        self.assertEqual(sdk[0]["language"], "zh")

    def test_html_lang_page_annotated(self):
        # annotate keeps the page whole; each clause gets the language its
        # element declares (the labelling model is picked by it): a "1.1"
        # heading, a Chinese line of SDK names and addresses, an English
        # one naming a Chinese company
        page = os.path.join(SOURCE, "tests", "data", "bilingual", "lang-paragraphs.html")
        out = os.path.join(self.dir, "annotated")
        r = run("annotate", page, "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = load(os.path.join(out, "lang-paragraphs.json"))
        languages = [c["language"] for c in doc["clauses"]]
        self.assertEqual(languages, ["zh", "en"] * 8)
        texts = [doc["text"][c["start"]:c["end"]] for c in doc["clauses"]]
        self.assertTrue(texts[6].startswith("SDK："))
        self.assertTrue(texts[13].startswith("Operator: 晴川"))

    def test_saved_documents_realigned(self):
        target, _ = self.align(ZH, EN)
        zh, en = self.pair_documents(target)
        again, out = self.align(os.path.join(target, zh["id"] + ".json"),
                                os.path.join(target, en["id"] + ".json"), out="again")
        zh2, _ = self.pair_documents(again)
        self.assertEqual(zh2["pair"]["links"], zh["pair"]["links"])

    def test_compare_revisions(self):
        old = os.path.join(SAMPLES, "revision-en-2025.txt")
        new = os.path.join(SAMPLES, "revision-en-2026.txt")
        target = os.path.join(self.dir, "revision")
        r = run("compare", old, new, "-o", target)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("{+3 +}[-6 -]months", r.stdout)
        # an added clause longer than its 60-character excerpt is marked cut; the
        # "new" column lines up also after "—" (it was two characters short)
        self.assertIn("Roadwise Analytics Ltd…\n", r.stdout)
        columns = {line.index(" new ") for line in r.stdout.splitlines()
                   if line.startswith("      old ")}
        self.assertEqual(len(columns), 1, r.stdout)
        r = run("compare", "--json", old, new)
        self.assertEqual(r.returncode, 0, r.stderr)
        changes = json.loads(r.stdout)["changes"]
        kinds = {c["kind"] for c in changes}
        self.assertTrue({"added", "removed", "moved", "changed", "anchors"} <= kinds, kinds)
        self.assertEqual(changes[0]["kind"], "added")
        self.assertIn("Roadwise", changes[0]["new_text"])
        importances = [c["importance"] for c in changes]
        self.assertEqual(importances, sorted(importances, reverse=True))
        # the two versions written, linked
        docs = [load(os.path.join(target, n)) for n in os.listdir(target)
                if n.endswith(".json") and n != "clausemark-corpus.json"]
        self.assertEqual(len(docs), 2)
        self.assertTrue(all(d["pair"]["links"] for d in docs))
        # a translation is not a revision
        r = run("compare", ZH, EN)
        self.assertEqual(r.returncode, 1)
        self.assertIn("align", r.stderr)

    def test_unrelated_texts_are_told_apart(self):
        # the bundled pair and revisions: no warning
        target = os.path.join(self.dir, "pair")
        r = run("align", "--no-model", ZH, EN, "-o", target)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("share little", r.stderr)
        old = os.path.join(SAMPLES, "revision-en-2025.txt")
        new = os.path.join(SAMPLES, "revision-en-2026.txt")
        r = run("compare", "--no-model", old, new)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("share little", r.stderr)
        # the Chinese sample against another company's English policy, and
        # that policy against the English sample: aligned, with a warning
        other = os.path.join(self.dir, "other")
        r = run("align", "--no-model", ZH, new, "-o", other)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("warning: These texts share little", r.stderr)
        r = run("compare", "--no-model", EN, new)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("warning: These texts share little", r.stderr)
        # the same verdict for machines
        r = run("compare", "--no-model", "--json", EN, new)
        self.assertEqual(r.returncode, 0, r.stderr)
        report = json.loads(r.stdout)
        self.assertTrue(report["shares_little"])
        self.assertLess(report["linked_in_runs_share"], 0.5)
        r = run("compare", "--no-model", "--json", old, new)
        report = json.loads(r.stdout)
        self.assertFalse(report["shares_little"])
        self.assertGreater(report["linked_in_runs_share"], 0.9)

    def gold_entry(self, doc, ids):
        """A gold file's side for clause ids of a saved document."""
        text = doc["text"]
        clauses = {c["id"]: c for c in doc["clauses"]}
        return ",".join("%s:%s" % (i, hashlib.sha256(
            text[clauses[i]["start"]:clauses[i]["end"]].encode()).hexdigest()[:8]) for i in ids)

    def test_gold_scores_and_lists_differences(self):
        target, _ = self.align(ZH, EN)
        zh, en = self.pair_documents(target)
        both = [l for l in zh["pair"]["links"] if l["clauses"] and l["partner_clauses"]]
        self.assertGreater(len(both), 3)
        right, moved = both[0], both[1]
        gold = os.path.join(self.dir, "sample.gold")
        with open(gold, "w", encoding="utf-8") as f:
            f.write("# two links: one as aligned, one deliberately wrong\n\n")
            f.write("%s\t%s\n" % (self.gold_entry(zh, right["clauses"]),
                                   self.gold_entry(en, right["partner_clauses"])))
            f.write("%s\t%s  # wrong on purpose\n" % (self.gold_entry(zh, moved["clauses"]),
                                                     self.gold_entry(en, both[2]["partner_clauses"])))
            f.write("%s\t-\n" % self.gold_entry(zh, both[3]["clauses"]))
        r = run("align", ZH, EN, "-o", os.path.join(self.dir, "scored"), "--gold", gold)
        self.assertEqual(r.returncode, 0, r.stderr)
        # 1 of the 2 gold links is found among all the links predicted
        n_predicted = len(both)
        precision, recall = 1 / n_predicted, 1 / 2
        f1 = 2 * precision * recall / (precision + recall)
        self.assertIn("2 links; strict links P %.4f R 0.5000 F1 %.4f" % (precision, f1), r.stdout)
        self.assertIn("missed %s ↔ %s" % (" ".join(moved["clauses"]),
                                          " ".join(both[2]["partner_clauses"])), r.stdout)
        self.assertIn("wrong  %s ↔ %s" % (" ".join(moved["clauses"]),
                                          " ".join(moved["partner_clauses"])), r.stdout)

    def gold_refused(self, name, content):
        """align --gold with a gold file holding @content: the error."""
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(content)
        r = run("align", ZH, EN, "-o", os.path.join(self.dir, name + ".out"), "--gold", path)
        self.assertEqual(r.returncode, 1)
        return r.stderr

    def test_gold_for_other_documents_is_refused(self):
        target, _ = self.align(ZH, EN)
        zh, _ = self.pair_documents(target)
        first = zh["clauses"][0]["id"]
        stderr = self.gold_refused("bad-hash.gold", "%s:00000000\t-\n" % first)
        self.assertIn("bad-hash.gold:1: clause %s" % first, stderr)
        self.assertIn("segmented differently", stderr)
        stderr = self.gold_refused("unknown.gold", "# a clause the document lacks\nc999:00000000\t-\n")
        self.assertIn("unknown.gold:2:", stderr)
        self.assertIn("has no clause c999", stderr)
        self.assertIn("malformed.gold:1:", self.gold_refused("malformed.gold", "c1\n"))

    def test_seed_000_against_its_gold(self):
        """Seed 000 (a real policy and its official English version in one
        file) against the links read by hand. No constant is fitted on it
        (they come from the CAPP-130 training policies), though the 2-2
        numbering check and the title cost answer errors read on it."""
        if not os.path.exists(SEED_000):
            self.skipTest("../shared/seeds is absent: seed 000's gold alignment needs the seed")
        r = run("align", SEED_000, "-o", os.path.join(self.dir, "seed"), "--gold", SEED_000_GOLD)
        self.assertEqual(r.returncode, 0, r.stderr)
        m = re.search(r"strict links P ([0-9.]+) R ([0-9.]+) F1 ([0-9.]+)", r.stdout)
        self.assertIsNotNone(m, r.stdout)
        # measured 0.9922 (one miss, the 1-4 that the gold marks debatable);
        # issue 12's target on its hidden gold is 0.97
        self.assertGreaterEqual(float(m.group(3)), 0.98, r.stdout)

    def test_bad_input(self):
        r = run("align", ZH, "-o", os.path.join(self.dir, "x"))
        self.assertNotEqual(r.returncode, 0)  # one file that holds one language only
        r = run("align", ZH, ZH, "-o", os.path.join(self.dir, "y"))
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("clausemark-cli:", r.stderr)
        r = run("align", ZH, EN)
        self.assertEqual(r.returncode, 2)  # no -o
        r = run("diff", self.dir)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("no linked Chinese-English pair", r.stderr)


if __name__ == "__main__":
    unittest.main()
