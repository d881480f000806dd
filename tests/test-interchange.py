#!/usr/bin/env python3
"""clausemark-cli import / export: Label Studio, doccano, CSV.

- A Label Studio export with several annotators per task (tests/data/team,
  written for these tests: user ids and user objects, an empty result, a
  cancelled annotation, predictions, names in English and Chinese) goes
  through `import` then `agree --json`; the figures equal NLTK's on the same
  tasks, read straight from the export.
- export -> import -> export gives the same bytes, for each format.
- Unknown label names are refused, all of them listed.
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

try:
    from nltk.metrics.agreement import AnnotationTask
    from nltk.metrics.distance import masi_distance
except ImportError:
    if os.path.exists("/usr/bin/python3") and sys.executable != "/usr/bin/python3":
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

BUILD = os.environ["CM_BUILD_DIR"]
SOURCE = os.environ["CM_SOURCE_DIR"]
CLI = os.path.join(BUILD, "src", "cli", "clausemark-cli")
DATA = os.path.join(SOURCE, "tests", "data", "team")
LS_EXPORT = os.path.join(DATA, "label-studio-export.json")
TAXONOMY = os.path.join(SOURCE, "data", "taxonomies", "privacy-11.json")
VALIDATOR = os.path.join(SOURCE, "tests", "validate-json.py")
DOCUMENT_SCHEMA = os.path.join(SOURCE, "data", "clausemark-document.schema.json")


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=300)


def name_to_id():
    """privacy-11's ids, English and Chinese names, folded, to ids."""
    with open(TAXONOMY, encoding="utf-8") as f:
        taxonomy = json.load(f)
    names = {}
    for label in taxonomy["labels"]:
        for name in (label["id"], label["name"]["en"], label["name"]["zh"]):
            names[name.casefold()] = label["id"]
    return names


def nltk_data_from_export(path):
    """(coder, task, frozenset of label ids) for every annotation not cancelled."""
    names = name_to_id()
    with open(path, encoding="utf-8") as f:
        tasks = json.load(f)
    out = []
    for task in tasks:
        for annotation in task["annotations"]:
            if annotation.get("was_cancelled"):
                continue
            who = annotation["completed_by"]
            coder = who.get("email") or str(who["id"]) if isinstance(who, dict) else str(who)
            labels = frozenset(names[c.casefold()] for r in annotation["result"]
                               if r["type"] == "choices" for c in r["value"]["choices"])
            out.append((coder, str(task["id"]), labels))
    return out


class InterchangeTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="clausemark-interchange-test-")
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def ok(self, *args):
        r = run(*args)
        self.assertEqual(r.returncode, 0, f"{args}: {r.stderr}")
        return r

    def load(self, path):
        with open(path, encoding="utf-8") as f:
            return json.load(f)

    def test_label_studio_import(self):
        out = self.path("ls")
        self.ok("import", LS_EXPORT, "--group-by", "policy", "--order-by", "para", "-o", out)
        a = self.load(os.path.join(out, "policy-a.json"))
        self.assertEqual(a["text"].split("\n")[0],
                         "We collect your name, phone number and e-mail address when you register.")
        first, third, fourth = a["clauses"][0], a["clauses"][2], a["clauses"][3]
        by = {x["annotator"]: x["labels"] for x in first["annotations"]}
        self.assertEqual(by, {"li.na@example.org": ["collection"], "8": ["collection"],
                              "tom@example.org": ["collection", "contact"]})
        # An empty result is the answer "no label"; a cancelled one is no answer.
        self.assertEqual({x["annotator"]: x["labels"] for x in third["annotations"]}["8"], [])
        self.assertNotIn("tom@example.org", [x["annotator"] for x in fourth["annotations"]])
        self.assertEqual(first["suggestions"], [{"label": "collection", "score": 0.71}])
        r = subprocess.run([sys.executable, VALIDATOR, DOCUMENT_SCHEMA,
                            os.path.join(out, "policy-a.json"), os.path.join(out, "policy-b.json")],
                           capture_output=True, text=True)
        if "not installed" not in r.stderr:
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_label_studio_agree_matches_nltk(self):
        # Each task its own document (no --group-by), as a plain export has it.
        out = self.path("ls-plain")
        self.ok("import", LS_EXPORT, "-o", out)
        result = json.loads(self.ok("agree", "--json", out).stdout)
        data = nltk_data_from_export(LS_EXPORT)
        overall = result["overall"]
        self.assertAlmostEqual(overall["krippendorff_alpha"]["value"],
                               AnnotationTask(data).alpha(), delta=1e-9)
        masi = AnnotationTask(data, distance=lambda a, b: 0.0 if a == b else masi_distance(a, b))
        self.assertAlmostEqual(overall["krippendorff_alpha_masi"]["value"], masi.alpha(),
                               delta=1e-9)
        for label, row in result["labels"].items():
            task = AnnotationTask([(c, i, int(label in s)) for c, i, s in data])
            self.assertAlmostEqual(row["krippendorff_alpha"]["value"], task.alpha(), delta=1e-9,
                                   msg=label)
        for pair in overall["cohen_kappa_pairs"]:
            a, b = pair["annotators"]
            items = {i for c, i, s in data if c == a} & {i for c, i, s in data if c == b}
            task = AnnotationTask([t for t in data if t[0] in (a, b) and t[1] in items])
            self.assertAlmostEqual(pair["kappa"]["value"], task.kappa(), delta=1e-9)
        missing = {x["name"]: x["missing"] for x in result["annotators"]}
        self.assertEqual(missing["tom@example.org"], 1)

    def round_trip(self, fmt, first_import_args, name):
        corpus = self.path(name + "-corpus")
        self.ok("import", *first_import_args, "-o", corpus)
        one, two = self.path(name + "-1"), self.path(name + "-2")
        ext = {"labelstudio": ".json", "csv": ".csv", "doccano": ""}[fmt]
        self.ok("export", "-f", fmt, corpus, "-o", one + ext)
        inputs = ([os.path.join(one, f) for f in sorted(os.listdir(one))] if fmt == "doccano"
                  else [one + ext])
        again = self.path(name + "-again")
        self.ok("import", "-f", fmt, *inputs, "--group-by", "document", "--order-by", "position",
                "-o", again)
        self.ok("export", "-f", fmt, again, "-o", two + ext)
        for a, b in ([(os.path.join(one, f), os.path.join(two, f)) for f in sorted(os.listdir(one))]
                     if fmt == "doccano" else [(one + ext, two + ext)]):
            with open(a, "rb") as fa, open(b, "rb") as fb:
                self.assertEqual(fa.read(), fb.read(), f"{fmt}: {a} and {b} differ")
        return one + ext

    def test_round_trips(self):
        ls_args = [LS_EXPORT, "--group-by", "policy", "--order-by", "para"]
        exported = self.round_trip("labelstudio", ls_args, "ls")
        tasks = self.load(exported)
        self.assertEqual(len(tasks), 7)
        self.assertEqual(tasks[0]["data"], {"text": tasks[0]["data"]["text"],
                                            "document": "policy-a", "position": 0})
        self.round_trip("csv", ls_args, "csv")
        self.round_trip("csv", [os.path.join(DATA, "policy-team.csv")], "csv-own")
        self.round_trip("doccano", ls_args, "doccano")

    def test_csv_keeps_adjudication(self):
        out = self.path("csv")
        self.ok("import", os.path.join(DATA, "policy-team.csv"), "-o", out)
        shop = self.load(os.path.join(out, "shop.json"))
        first = shop["clauses"][0]
        self.assertTrue(first["adjudicated"])
        self.assertEqual(first["reviewer"], "cur")
        self.assertEqual(first["labels"], ["collection", "contact"])
        self.assertEqual(shop["text"].split("\n")[1], 'Our "Partners" page')
        self.assertEqual(shop["clauses"][2]["annotations"], [])
        result = json.loads(self.ok("agree", "--json", out).stdout)
        ana = [a for a in result["annotators"] if a["name"] == "ana"][0]
        self.assertEqual(ana["vs_adjudicated"]["micro"]["precision"], 1.0)

    def test_doccano_files_are_annotators(self):
        out = self.path("dc")
        self.ok("import", os.path.join(DATA, "ana.jsonl"), os.path.join(DATA, "ben.jsonl"),
                "-o", out)
        doc = self.load(os.path.join(out, "4.json"))
        by = {a["annotator"]: a["labels"] for a in doc["clauses"][0]["annotations"]}
        self.assertEqual(by, {"ana": ["sharing"], "ben": ["sharing"]})
        doc = self.load(os.path.join(out, "3.json"))
        self.assertEqual({a["annotator"]: a["labels"] for a in doc["clauses"][0]["annotations"]},
                         {"ana": ["contact"], "ben": []})

    def test_text_field(self):
        export = self.path("para.json")
        with open(export, "w", encoding="utf-8") as f:
            json.dump([{"id": 9, "data": {"paragraph": "We sell nothing.", "n": 1},
                        "annotations": [{"completed_by": 2, "result": [],
                                         "was_cancelled": False}]}], f)
        out = self.path("para")
        self.ok("import", export, "-o", out)
        self.assertEqual(self.load(os.path.join(out, "9.json"))["text"], "We sell nothing.")
        r = run("import", export, "--text-field", "body", "-o", self.path("none"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("task 9: no text in data.body", r.stderr)

    def test_unknown_labels_refused(self):
        bad = self.path("bad.jsonl")
        with open(bad, "w", encoding="utf-8") as f:
            f.write('{"id": 1, "text": "x", "label": ["Cookies", "collection"]}\n')
            f.write('{"id": 2, "text": "y", "label": ["Tracking", "Cookies"]}\n')
        out = self.path("never")
        r = run("import", bad, "-o", out)
        self.assertEqual(r.returncode, 1)
        self.assertIn("2 label names are not in the taxonomy “privacy-11”", r.stderr)
        # Each named with the file and line it is first met in.
        self.assertIn(f"“Cookies” ({bad}: line 1), “Tracking” ({bad}: line 2)", r.stderr)
        self.assertFalse(os.path.exists(out))
        # With a taxonomy that has them, they map.
        taxonomy = self.path("mine.json")
        with open(taxonomy, "w", encoding="utf-8") as f:
            json.dump({"format": "clausemark-taxonomy", "version": 1, "id": "mine",
                       "name": {"en": "Mine", "zh": "我的"},
                       "labels": [{"id": i, "name": {"en": n, "zh": n},
                                   "description": {"en": n, "zh": n}, "color": "#3a7fd0",
                                   "key": k}
                                  for i, n, k in [("cookies", "Cookies", "q"),
                                                  ("tracking", "Tracking", "w"),
                                                  ("collection", "Collection", "c")]]}, f)
        self.ok("import", bad, "--taxonomy", taxonomy, "-o", out)


if __name__ == "__main__":
    unittest.main()
