#!/usr/bin/env python3
"""clausemark-cli agree against NLTK's nltk.metrics.agreement.AnnotationTask.

Random multi-label annotations WITH missing values are written as Clausemark
documents (version 2, one annotation per annotator and clause), run through
`agree --json`, and every figure is compared, to 1e-9, with NLTK computed on
the same data the way our definitions say (README, "Working as a team"):

- Krippendorff's alpha (per label as yes/no, on whole label sets, and on label
  sets with MASI): NLTK alpha() on every annotation; NLTK itself leaves out
  items with fewer than two annotations. MASI(empty, empty) is 0 (NLTK
  divides by zero there), so NLTK gets masi_distance guarded for that case.
- Cohen's kappa of a pair: NLTK kappa() on the two annotators' common items.
- mean Cohen (NLTK kappa), Davies-Fleiss (multi_kappa), Fleiss (pi): NLTK on
  the items every annotator annotated (NLTK cannot take missing values
  there: it raises, or divides by all items).
- percent agreement: NLTK avg_Ao on data without missing values.
"""

import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

try:
    from nltk.metrics.agreement import AnnotationTask
    from nltk.metrics.distance import masi_distance
except ImportError:
    # Debian's python3-nltk lives with the system interpreter.
    if os.path.exists("/usr/bin/python3") and sys.executable != "/usr/bin/python3":
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

BUILD = os.environ["CM_BUILD_DIR"]
CLI = os.path.join(BUILD, "src", "cli", "clausemark-cli")
LABELS = ["collection", "sharing", "usage", "retention", "contact"]
TOLERANCE = 1e-9


def masi(a, b):
    return 0.0 if a == b else masi_distance(a, b)


def make_documents(rng, n_docs, n_clauses, annotators, p_missing):
    """{doc_id: {clause_index: {annotator: frozenset}}} with correlated labels."""
    data = {}
    for d in range(n_docs):
        doc = {}
        for c in range(n_clauses):
            truth = frozenset(l for l in LABELS if rng.random() < 0.3)
            answers = {}
            for a in annotators:
                if rng.random() < p_missing:
                    continue
                given = set(truth)
                for l in LABELS:
                    if rng.random() < 0.15:
                        given ^= {l}
                answers[a] = frozenset(given)
            doc[c] = answers
        data[f"doc{d:02d}"] = doc
    return data


def document_json(doc_id, clauses):
    n = len(clauses)
    text = "".join(f"Clause {i:03d}.\n" for i in range(n))
    out = []
    for i in range(n):
        annotations = [
            {"annotator": a, "labels": sorted(clauses[i][a]), "status": "corrected",
             "timestamp": "2026-11-30T10:00:00Z", "note": None, "span": None}
            for a in sorted(clauses[i])]
        out.append({"id": f"c{i + 1}", "start": i * 12, "end": i * 12 + 11, "kind": "body",
                    "level": 0, "marker": None, "heading_path": [], "language": "en",
                    "labels": [], "suggestions": [], "confidence": None,
                    "status": "unreviewed", "reviewer": None, "timestamp": None,
                    "note": None, "adjudicated": False, "annotations": annotations})
    return {"format": "clausemark-document", "version": 2, "id": doc_id, "title": None,
            "language": "en",
            "source": {"path": None, "sha256": None, "encoding": None, "loader": None},
            "taxonomy": "privacy-11", "granularity": "sentence", "text": text,
            "clauses": out}


def triples(data, value):
    """NLTK's (coder, item, label) for every annotation."""
    out = []
    for doc_id, doc in sorted(data.items()):
        for c, answers in sorted(doc.items()):
            for a, labels in sorted(answers.items()):
                out.append((a, f"{doc_id}:{c}", value(labels)))
    return out


def restrict(data, keep):
    return {d: {c: ans for c, ans in doc.items() if keep(ans)} for d, doc in data.items()}


class AgreeNltkTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="clausemark-agree-test-")
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def agree(self, data, *options):
        folder = os.path.join(self.dir, f"corpus{len(os.listdir(self.dir))}")
        os.makedirs(folder)
        for doc_id, doc in data.items():
            with open(os.path.join(folder, doc_id + ".json"), "w", encoding="utf-8") as f:
                json.dump(document_json(doc_id, doc), f, ensure_ascii=False)
        r = subprocess.run([CLI, "agree", "--json", *options, folder], capture_output=True,
                           text=True, timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)

    def assert_close(self, ours, theirs, what):
        self.assertIsNotNone(ours, what)
        self.assertLess(abs(ours - theirs), TOLERANCE, f"{what}: ours {ours}, NLTK {theirs}")

    def check_rows(self, data, result, annotators):
        rows = [(l, (lambda s, l=l: int(l in s)), result["labels"].get(l)) for l in LABELS]
        rows.append((None, (lambda s: s), result["overall"]))
        complete = restrict(data, lambda ans: len(ans) == len(annotators))
        n_checked = 0
        for name, value, row in rows:
            if row is None:
                continue  # a label nobody gave
            what = name or "label sets"
            task = AnnotationTask(triples(data, value))
            self.assert_close(row["krippendorff_alpha"]["value"], task.alpha(), f"{what} alpha")
            if name is None:
                task = AnnotationTask(triples(data, value), distance=masi)
                self.assert_close(row["krippendorff_alpha_masi"]["value"], task.alpha(),
                                  "alpha MASI")
            task = AnnotationTask(triples(complete, value))
            self.assert_close(row["cohen_kappa"]["value"], task.kappa(), f"{what} mean kappa")
            self.assert_close(row["davies_fleiss_kappa"]["value"], task.multi_kappa(),
                              f"{what} multi_kappa")
            self.assert_close(row["fleiss_kappa"]["value"], task.pi(), f"{what} Fleiss/pi")
            self.assertEqual(row["fleiss_kappa"]["items"],
                             sum(len(doc) for doc in complete.values()))
            for pair in row["cohen_kappa_pairs"]:
                a, b = pair["annotators"]
                both = {d: {c: {k: v for k, v in ans.items() if k in (a, b)}
                            for c, ans in doc.items() if a in ans and b in ans}
                        for d, doc in data.items()}
                task = AnnotationTask(triples(both, value))
                self.assert_close(pair["kappa"]["value"], task.kappa(), f"{what} kappa {a}-{b}")
                n_checked += 1
        return n_checked

    def test_missing_values(self):
        rng = random.Random(20261130)
        annotators = ["ann", "ben", "cai", "dev"]
        data = make_documents(rng, 6, 40, annotators, p_missing=0.15)
        result = self.agree(data, "--bootstrap", "200")
        self.assertGreater(self.check_rows(data, result, annotators), 30)
        # Missing annotations are counted per annotator.
        for entry in result["annotators"]:
            missing = sum(1 for doc in data.values() for ans in doc.values()
                          if ans and entry["name"] not in ans)
            self.assertEqual(entry["missing"], missing, entry["name"])
        self.assertEqual(result["items"], sum(1 for doc in data.values()
                                              for ans in doc.values() if ans))

    def test_complete_data_percent(self):
        rng = random.Random(7)
        annotators = ["ann", "ben", "cai"]
        data = make_documents(rng, 4, 30, annotators, p_missing=0.0)
        result = self.agree(data, "--bootstrap", "0")
        self.check_rows(data, result, annotators)
        for name in LABELS + [None]:
            row = result["overall"] if name is None else result["labels"][name]
            value = (lambda s: s) if name is None else (lambda s, l=name: int(l in s))
            task = AnnotationTask(triples(data, value))
            self.assert_close(row["percent_agreement"]["value"], task.avg_Ao(),
                              f"{name} percent")
            self.assertIsNone(row["percent_agreement"]["low"])  # no replicates asked

    def test_bootstrap_is_seeded(self):
        rng = random.Random(3)
        data = make_documents(rng, 8, 10, ["ann", "ben", "cai"], p_missing=0.1)
        first = self.agree(data, "--bootstrap", "300", "--seed", "5")
        again = self.agree(data, "--bootstrap", "300", "--seed", "5")
        other = self.agree(data, "--bootstrap", "300", "--seed", "6")
        self.assertEqual(first, again)
        alpha = first["overall"]["krippendorff_alpha"]
        self.assertNotEqual(alpha, other["overall"]["krippendorff_alpha"])
        self.assertLess(alpha["low"], alpha["value"])
        self.assertLess(alpha["value"], alpha["high"])


class CliMergeTest(unittest.TestCase):
    """`merge`: joins copies; a document whose copies differ stops everything."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="clausemark-merge-test-")
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def copy(self, name, docs):
        folder = os.path.join(self.dir, name)
        os.makedirs(folder)
        for doc_id, clauses in docs.items():
            with open(os.path.join(folder, doc_id + ".json"), "w", encoding="utf-8") as f:
                json.dump(document_json(doc_id, clauses), f)
        return folder

    def test_merge_then_agree(self):
        rng = random.Random(11)
        data = make_documents(rng, 3, 12, ["ann", "ben"], p_missing=0.0)
        ann = self.copy("ann", {d: {c: {"ann": a["ann"]} for c, a in doc.items()}
                                for d, doc in data.items()})
        ben = self.copy("ben", {d: {c: {"ben": a["ben"]} for c, a in doc.items()}
                                for d, doc in data.items()})
        out = os.path.join(self.dir, "joined")
        r = subprocess.run([CLI, "merge", ann, ben, "-o", out], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        joined = sorted(f for f in os.listdir(out) if f.endswith(".json"))
        self.assertEqual(joined, ["clausemark-corpus.json", "doc00.json", "doc01.json",
                                  "doc02.json"])
        merged = json.load(open(os.path.join(out, "doc01.json"), encoding="utf-8"))
        self.assertEqual([a["annotator"] for a in merged["clauses"][0]["annotations"]],
                         ["ann", "ben"])
        from_joined = json.loads(subprocess.run([CLI, "agree", "--json", out],
                                                capture_output=True, text=True).stdout)
        from_copies = json.loads(subprocess.run([CLI, "agree", "--json", ann, ben],
                                                capture_output=True, text=True).stdout)
        self.assertEqual(from_joined, from_copies)
        task = AnnotationTask(triples(data, lambda s: s))
        self.assertLess(abs(from_joined["overall"]["krippendorff_alpha"]["value"] - task.alpha()),
                        TOLERANCE)

    def test_different_text_writes_nothing(self):
        docs = {"policy": {0: {"ann": frozenset()}, 1: {"ann": frozenset(["usage"])}}}
        ann = self.copy("ann", docs)
        ben = self.copy("ben", {"policy": {0: {"ben": frozenset()}}})  # a shorter text
        out = os.path.join(self.dir, "joined")
        r = subprocess.run([CLI, "merge", ann, ben, "-o", out], capture_output=True, text=True)
        self.assertEqual(r.returncode, 1)
        self.assertIn("“policy”", r.stderr)
        self.assertIn("different texts", r.stderr)
        self.assertFalse(os.path.exists(out))


if __name__ == "__main__":
    unittest.main()
