#!/usr/bin/env python3
"""Hostile and unlucky input, end to end (issue 9): each case crashed, hung,
read what it should not, accepted what it should refuse or lost data before
the fix. Every command must end with a clear error naming the input, never
with a signal."""

import hashlib
import json
import os
import signal
import socket
import struct
import subprocess
import tempfile
import threading
import time
import unittest

BUILD = os.environ["CM_BUILD_DIR"]
SOURCE = os.environ["CM_SOURCE_DIR"]
CLI = os.path.join(BUILD, "src", "cli", "clausemark-cli")
SAMPLES = os.path.join(SOURCE, "data", "samples")

DEPTH = 100000


def run(*args, stdin=None, timeout=120, text=True):
    return subprocess.run([CLI, *args], input=stdin, capture_output=True, text=text,
                          timeout=timeout)


def document(note="null", **overrides):
    """A valid one-clause document as JSON text; @note is spliced in raw."""
    doc = {
        "format": "clausemark-document", "version": 1, "id": "d", "title": None,
        "language": "en",
        "source": {"path": None, "sha256": None, "encoding": None, "loader": None},
        "taxonomy": "privacy-11", "granularity": "sentence", "text": "We collect data.",
        "clauses": [{"id": "c1", "start": 0, "end": 16, "kind": "body", "level": 0,
                     "marker": None, "heading_path": [], "language": "en",
                     "labels": ["collection"], "suggestions": [], "confidence": None,
                     "status": "unreviewed", "reviewer": None, "timestamp": None,
                     "note": "NOTE"}],
    }
    doc.update(overrides)
    return json.dumps(doc, ensure_ascii=False).replace('"NOTE"', note)


class HardeningTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="clausemark-hardening-")
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)
        return path

    def assert_clean_failure(self, r, *expected, code=None):
        self.assertGreaterEqual(r.returncode, 0,
                                f"killed by signal {-r.returncode}: {r.stderr[-500:]}")
        self.assertNotEqual(r.returncode, 0, r.stdout[-500:])
        if code is not None:
            self.assertEqual(r.returncode, code, r.stderr[-500:])
        for e in expected:
            self.assertIn(e, r.stderr)

    # 1. JSON nested 100,000 deep crashed every reader (SIGSEGV).
    def test_deep_json_is_refused_by_every_reader(self):
        deep = "[" * DEPTH + "]" * DEPTH
        plain = self.write("deep.json", deep)
        in_note = self.write("corpus/deep-note.json", document(note=deep))
        self.assert_clean_failure(run("validate", plain), "nested deeper than", code=3)
        self.assert_clean_failure(run("validate", in_note), "nested deeper than", code=3)
        self.assert_clean_failure(run("stats", in_note), "nested deeper than")
        self.assert_clean_failure(run("stats", os.path.dirname(in_note)), "nested deeper than")
        self.assert_clean_failure(run("diff", os.path.dirname(in_note)))
        self.assert_clean_failure(run("align", in_note, in_note, "-o",
                                      os.path.join(self.dir, "pair")))
        self.assert_clean_failure(run("train", "--lang", "en", "--data", in_note, "-o",
                                      os.path.join(self.dir, "m.cmmodel")), "nested deeper")
        taxonomy = self.write("tax.json", '{"format": "clausemark-taxonomy", "labels": '
                              + deep + "}")
        self.assert_clean_failure(run("validate", taxonomy), "nested deeper", code=3)
        manifest = self.write("c2/clausemark-corpus.json", deep)
        self.assert_clean_failure(run("validate", manifest), "nested deeper", code=3)

    # 1. One deep --jsonl line killed the stream; every later record was lost.
    def test_jsonl_bad_lines_are_skipped_and_the_stream_goes_on(self):
        deep = "[" * DEPTH + "]" * DEPTH
        lines = [
            json.dumps({"id": "a", "text": "We collect your e-mail address."}),
            deep,
            '{"id": "b", "text": "' + "[" * DEPTH + '"}',       # brackets in a string are text
            b'{"id": "c", "text": "\xff\xfe broken"}',            # not UTF-8
            '{"id": "d", "text": "x"} {"id": "e"}',              # trailing data
            '{"id": "f", "id": "g", "text": "x"}',               # duplicate member
            json.dumps({"id": "../h", "text": "x"}),                # an id that names a path
            json.dumps({"id": "h", "text": "We share data with partners."}),
        ]
        data = b"\n".join(l if isinstance(l, bytes) else l.encode() for l in lines) + b"\n"
        r = run("annotate", "--jsonl", "-", "--no-model", stdin=data, text=False)
        stderr = r.stderr.decode()
        self.assertEqual(r.returncode, 1, stderr)
        ids = [json.loads(l)["id"] for l in r.stdout.decode().splitlines()]
        self.assertEqual(ids, ["a", "b", "h"])
        for n in (2, 4, 5, 6, 7):
            self.assertIn(f"stdin line {n}:", stderr)
        self.assertIn("nested deeper", stderr)
        self.assertIn("appears twice", stderr)

    # 2. A FIFO was opened twice (fstat, close, reopen) and hung forever.
    def test_fifo_is_read_once(self):
        for command in ("annotate", "validate"):
            fifo = os.path.join(self.dir, f"policy-{command}.fifo")
            os.mkfifo(fifo)
            payload = ("We collect data." if command == "annotate" else document())

            def writer():
                with open(fifo, "w") as f:
                    f.write(payload)

            t = threading.Thread(target=writer)
            t.start()
            if command == "annotate":
                r = run("annotate", "--no-model", fifo, "-o", os.path.join(self.dir, "out"),
                        timeout=30)
            else:
                r = run("validate", fifo, timeout=30)
            t.join(5)
            self.assertEqual(r.returncode, 0, r.stderr)

    # 2. annotate /dev/zero grew past 2 GB: the limit held for regular files only.
    def test_devices_and_streams_are_bounded(self):
        r = run("annotate", "--no-model", "/dev/zero", "-o", os.path.join(self.dir, "z"),
                timeout=120)
        self.assert_clean_failure(r, "/dev/zero", "limit of 512 MB", code=1)
        r = run("validate", "/dev/zero", timeout=120)
        self.assert_clean_failure(r, "/dev/zero")

    # 4. Trailing data and duplicate members were accepted (the last one won).
    def test_validate_refuses_trailing_data_and_duplicate_members(self):
        good = self.write("good.json", document())
        self.assertEqual(run("validate", good).returncode, 0, run("validate", good).stderr)
        trailing = self.write("trailing.json", document() + "\n{}")
        self.assert_clean_failure(run("validate", trailing), "data after the end", code=3)
        duplicate = self.write("dup.json", document().replace('"id": "d"',
                                                              '"id": "d", "id": "e"'))
        self.assert_clean_failure(run("validate", duplicate), "“id” appears twice", code=3)
        nul = self.write("nul.json", document(note='"a\\u0000b"'))
        self.assert_clean_failure(run("validate", nul), "\\u0000", code=3)
        lone = self.write("lone.json", document(note='"\\ud800x"'))
        self.assert_clean_failure(run("validate", lone), "lone high surrogate", code=3)
        big = self.write("big.json", document().replace('"end": 16', '"end": 99999999999999999999'))
        self.assert_clean_failure(run("validate", big), "99999999999999999999", code=3)
        self.assertNotIn("-1", run("validate", big).stderr.replace(big, "FILE"))

    # 3. A document's "taxonomy" was opened as a path by stats (/dev/zero: 2 GB;
    #    a FIFO: hang); the error quoted the first word of /etc/passwd.
    def test_document_taxonomy_is_an_id_never_a_path(self):
        fifo = os.path.join(self.dir, "t.fifo")
        os.mkfifo(fifo)
        for target in ("/etc/passwd", "/dev/zero", fifo, "../../etc/passwd.json"):
            folder = os.path.join(self.dir, "c-" + str(abs(hash(target))))
            path = self.write(os.path.join(folder, "d.json"), document(taxonomy=target))
            r = run("stats", folder, timeout=30)
            self.assert_clean_failure(r, "not a path")
            self.assertNotIn("root", r.stderr)
            self.assert_clean_failure(run("validate", path, timeout=30), "not a path", code=3)

    def test_user_taxonomy_from_command_line_or_corpus_folder(self):
        taxonomy = json.dumps({
            "format": "clausemark-taxonomy", "version": 1, "id": "my-topics",
            "name": {"en": "Mine", "zh": "我的"},
            "labels": [{"id": "cookies", "name": {"en": "Cookies", "zh": "Cookie"},
                        "description": {"en": "Cookies.", "zh": "Cookie。"},
                        "color": "#3a7fd0", "key": "q"}]})
        tax_file = self.write("elsewhere/my-topics.json", taxonomy)
        doc = document(taxonomy="my-topics").replace('"labels": ["collection"]',
                                                      '"labels": ["cookies"]')
        path = self.write("corpus/d.json", doc)
        r = run("validate", path)
        self.assert_clean_failure(r, "unknown taxonomy “my-topics”", code=3)
        r = run("validate", "--taxonomy", tax_file, path)
        self.assertEqual(r.returncode, 0, r.stderr)
        beside = self.write("corpus/my-topics.taxonomy.json", taxonomy)
        r = run("validate", os.path.dirname(path))
        self.assertEqual(r.returncode, 0, r.stderr)
        r = run("stats", "--json", os.path.dirname(path))
        self.assertEqual(json.loads(r.stdout)["taxonomy"], "my-topics", r.stderr)
        # A link beside the documents is not followed.
        os.unlink(beside)
        os.symlink(tax_file, beside)
        self.assert_clean_failure(run("validate", path), "unknown taxonomy", code=3)
        # annotate keeps a user's taxonomy file with the corpus.
        out = os.path.join(self.dir, "annotated")
        r = run("annotate", "--no-model", "--taxonomy", tax_file,
                os.path.join(SAMPLES, "sample-en.txt"), "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(os.path.exists(os.path.join(out, "my-topics.taxonomy.json")))
        self.assertEqual(run("validate", out).returncode, 0)
        self.assert_clean_failure(run("annotate", "--no-model", "--taxonomy", "no-such",
                                      os.path.join(SAMPLES, "sample-en.txt"), "-o", out),
                                  code=2)

    # 4. validate accepted all of these.
    def test_validate_refuses_what_the_format_forbids(self):
        cases = {
            "label": (document().replace('"labels": ["collection"]', '"labels": ["made-up"]'),
                      "the label “made-up” is not in the taxonomy “privacy-11”"),
            "suggestion": (document().replace('"suggestions": []',
                                              '"suggestions": [{"label": "nope", "score": 0.5}]'),
                           "the suggested label “nope”"),
            "taxonomy": (document(taxonomy="no-such-taxonomy"), "unknown taxonomy"),
            "score": (document().replace('"suggestions": []',
                                         '"suggestions": [{"label": "usage", "score": 1.5}]'),
                      "the score 1.5 is outside [0, 1]"),
            "negative": (document().replace('"suggestions": []',
                                            '"suggestions": [{"label": "usage", "score": -0.1}]'),
                         "outside [0, 1]"),
            "confidence": (document().replace('"confidence": null', '"confidence": 7'),
                           "outside [0, 1]"),
            "timestamp": (document().replace('"timestamp": null', '"timestamp": "yesterday"'),
                          "not an ISO 8601"),
            "timestamp-month": (document().replace('"timestamp": null',
                                                   '"timestamp": "2026-13-01T00:00:00Z"'),
                                "not an ISO 8601"),
            "language": (document(language="english!"), "not a BCP 47 tag"),
            "language-clause": (document().replace('"language": "en", "labels"',
                                                   '"language": "e n", "labels"'),
                                "not a BCP 47 tag"),
            "id-slash": (document(id="a/b"), "the document id"),
            "id-dotdot": (document(id=".."), "the document id"),
            "clause-id": (document().replace('"id": "c1"', '"id": "../c1"'), "a clause id"),
        }
        for name, (text, expected) in cases.items():
            with self.subTest(name):
                path = self.write(f"refuse/{name}.json", text)
                self.assert_clean_failure(run("validate", path), expected, code=3)
        for tag in ("zh", "en", "zh-Hans", "zh-Hans-CN", "en-US", "es-419", "de-CH-1901",
                    "x-private", "zh-yue-HK", "en-a-bbb-x-a-ccc"):
            with self.subTest(tag):
                path = self.write(f"accept/{tag}.json", document(language=tag))
                r = run("validate", path)
                self.assertEqual(r.returncode, 0, r.stderr)

    def test_validate_refuses_links_to_missing_partner_clauses(self):
        zh = json.loads(document(id="p-zh", language="zh"))
        en = json.loads(document(id="p-en"))
        zh["pair"] = {"partner": "p-en", "links": [
            {"clauses": ["c1"], "partner_clauses": ["c1"], "score": 0.9, "reviewed": False}]}
        en["pair"] = {"partner": "p-zh", "links": [
            {"clauses": ["c1"], "partner_clauses": ["c1"], "score": 0.9, "reviewed": False}]}
        folder = os.path.join(self.dir, "pair")
        self.write("pair/p-zh.json", json.dumps(zh, ensure_ascii=False))
        self.write("pair/p-en.json", json.dumps(en))
        r = run("validate", folder)
        self.assertEqual(r.returncode, 0, r.stderr)
        zh["pair"]["links"][0]["partner_clauses"] = ["c9"]
        self.write("pair/p-zh.json", json.dumps(zh, ensure_ascii=False))
        self.assert_clean_failure(run("validate", folder),
                                  "clause c9 does not exist in the partner “p-en”", code=3)
        zh["pair"]["links"][0]["partner_clauses"] = ["c1"]
        zh["pair"]["links"][0]["score"] = 2.0
        self.write("pair/p-zh.json", json.dumps(zh, ensure_ascii=False))
        self.assert_clean_failure(run("validate", folder), "outside [0, 1]", code=3)
        os.unlink(os.path.join(folder, "p-en.json"))
        zh["pair"]["links"][0]["score"] = 0.5
        self.write("pair/p-zh.json", json.dumps(zh, ensure_ascii=False))
        self.assert_clean_failure(run("validate", folder), "the partner document “p-en”",
                                  code=3)

    # 5. Two annotate runs into one corpus folder lost manifest entries
    #    (780 of 1,560, three times out of three).
    def test_concurrent_annotate_runs_lose_no_manifest_entry(self):
        out = os.path.join(self.dir, "shared-corpus")
        runs = []
        for side in ("a", "b"):
            folder = os.path.join(self.dir, "in-" + side)
            os.makedirs(folder)
            paths = []
            for i in range(150):
                paths.append(self.write(f"in-{side}/{side}-{i:03}.txt",
                                        f"{i}. We collect item {i} of run {side}.\n"))
            runs.append(paths)
        procs = [subprocess.Popen([CLI, "annotate", "--no-model", "-o", out, *paths],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                 for paths in runs]
        for p in procs:
            _, err = p.communicate(timeout=300)
            self.assertEqual(p.returncode, 0, err.decode())
        with open(os.path.join(out, "clausemark-corpus.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        ids = sorted(d["id"] for d in manifest["documents"])
        self.assertEqual(len(ids), 300, "manifest entries were lost")
        self.assertEqual(run("validate", out).returncode, 0)

    # 6. SIGKILLed saves left .tmp-* files forever (25 kills: 2,765 files, 398 MB).
    def test_stale_temporary_files_are_removed_safely(self):
        out = os.path.join(self.dir, "corpus")
        sample = os.path.join(SAMPLES, "sample-en.txt")
        self.assertEqual(run("annotate", "--no-model", sample, "-o", out).returncode, 0)
        dead = subprocess.Popen(["true"])
        dead.wait()
        host = 5381
        for c in socket.gethostname().encode():
            host = (host * 33 + c) & 0xffffffff          # GLib's g_str_hash
        live = os.getpid()
        names = {
            f"sample-en.json.tmp-{dead.pid}.{host:08x}-Ab3dE9": False,  # writer dead: stale
            f"sample-en.json.tmp-{live}.{host:08x}-Zz9yX8": True,       # writer alive: kept
            "sample-en.json.tmp-Q1w2E3": True,                           # no writer, fresh: kept
            "old.json.tmp-R4t5Y6": False,                                # no writer, 2 h old
            f"notes.txt.tmp-{dead.pid}.{host:08x}-Ab3dE9x": False,       # any file's temporary
        }
        for name in names:
            self.write(os.path.join("corpus", name), b"half a document")
        two_hours_ago = time.time() - 7200
        os.utime(os.path.join(out, "old.json.tmp-R4t5Y6"), (two_hours_ago, two_hours_ago))
        os.symlink("/etc/passwd", os.path.join(out, "link.json.tmp-X1y2Z3"))
        os.utime(os.path.join(out, "link.json.tmp-X1y2Z3"), (two_hours_ago, two_hours_ago),
                 follow_symlinks=False)
        self.assertEqual(run("annotate", "--no-model", sample, "-o", out).returncode, 0)
        left = set(os.listdir(out))
        for name, kept in names.items():
            self.assertEqual(name in left, kept, name)
        self.assertIn("link.json.tmp-X1y2Z3", left, "only regular files are removed")
        self.assertTrue(os.path.exists("/etc/passwd"))

    # 7. A crafted model with a valid checksum gave confidences above 1, and a
    #    renamed label was silently dropped: values and labels are checked on load.
    def test_crafted_models_are_refused(self):
        with open(os.path.join(SOURCE, "data", "models", "zh.cmmodel"), "rb") as f:
            original = f.read()

        def fields(data):
            n_labels = struct.unpack_from("<I", data, 12)[0]
            hash_bits = data[16]
            pos, strings = 32, []
            for _ in range(2 + n_labels):
                length = struct.unpack_from("<I", data, pos)[0]
                strings.append((pos + 4, data[pos + 4:pos + 4 + length]))
                pos += 4 + length
            # format 1: a float IDF a bucket; 2: grid origin and step, a byte a bucket
            version = struct.unpack_from("<I", data, 8)[0]
            idf_bytes = (4 << hash_bits) if version < 2 else 8 + (1 << hash_bits)
            return strings, pos + idf_bytes    # where the label parameters start

        def sealed(data):
            body = bytes(data[:-32])
            return body + hashlib.sha256(body).digest()

        strings, params = fields(original)
        label_pos, label = strings[2]
        renamed = bytearray(original)
        renamed[label_pos:label_pos + len(label)] = label[:-1] + b"x"
        positive_a = bytearray(original)
        struct.pack_into("<f", positive_a, params + 12, 5.0)           # label 0: Platt A > 0
        huge_threshold = bytearray(original)
        struct.pack_into("<f", huge_threshold, params + 8, 1e30)       # label 0: threshold
        negative_scale = bytearray(original)
        struct.pack_into("<f", negative_scale, params + 4, -3.0)       # label 0: scale
        cases = {"renamed": (renamed, "is not in the taxonomy"),
                 "platt": (positive_a, "label parameters out of range"),
                 "threshold": (huge_threshold, "label parameters out of range"),
                 "scale": (negative_scale, "label parameters out of range")}
        if original[28] != 0:    # a second stage: its weights follow the int8 weights
            n_labels, hash_bits = struct.unpack_from("<I", original, 12)[0], original[16]
            stack = params + 20 * n_labels + (n_labels << hash_bits)
            nan_stack = bytearray(original)
            struct.pack_into("<f", nan_stack, stack + 4, float("nan"))
            cases["stack"] = (nan_stack, "second-stage weights out of range")
        sample = os.path.join(SAMPLES, "sample-zh.txt")
        for name, (data, expected) in cases.items():
            with self.subTest(name):
                models = os.path.join(self.dir, "models-" + name)
                os.makedirs(models)
                with open(os.path.join(models, "zh.cmmodel"), "wb") as f:
                    f.write(sealed(data))
                r = run("annotate", "--models", models, sample, "-o",
                        os.path.join(self.dir, "out-" + name))
                self.assert_clean_failure(r, "zh.cmmodel", expected)
        # Unchanged but resealed: still accepted (the checks are on values, not bytes).
        models = os.path.join(self.dir, "models-ok")
        os.makedirs(models)
        with open(os.path.join(models, "zh.cmmodel"), "wb") as f:
            f.write(sealed(original))
        r = run("annotate", "--models", models, sample, "-o", os.path.join(self.dir, "out-ok"))
        self.assertEqual(r.returncode, 0, r.stderr)
        for line in open(os.path.join(self.dir, "out-ok", "sample-zh.json"), encoding="utf-8"):
            for clause in json.loads(line)["clauses"]:
                if clause["confidence"] is not None:
                    self.assertLessEqual(clause["confidence"], 1.0)

    # 9. A 10 MB Chinese line without "。" became one 3.3-million-character clause.
    def test_over_long_clauses_are_cut_at_the_best_boundary(self):
        line = ("我们会收集您的信息，用于改进服务" * 40000          # commas: cut after one
                + "无标点的长句" * 2000                               # nothing: cut at the limit
                + "；" .join(["分号分开的部分" * 30] * 40)             # semicolons beat commas
                + "。")
        path = self.write("long.txt", line + "\n")
        out = os.path.join(self.dir, "long")
        r = run("annotate", "--no-model", path, "-o", out, timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(out, "long.json"), encoding="utf-8") as f:
            doc = json.load(f)
        text, clauses = doc["text"], doc["clauses"]
        self.assertLessEqual(max(c["end"] - c["start"] for c in clauses), 2000)
        cuts = [c["cut"] for c in clauses]
        self.assertIn("comma", cuts)
        self.assertIn("length", cuts)
        self.assertIn("semicolon", cuts)
        self.assertIsNone(cuts[-1], "the last piece ends where the sentence ends")
        for c in clauses:
            if c["cut"] == "comma":
                self.assertEqual(text[c["end"] - 1], "，")
            elif c["cut"] == "semicolon":
                self.assertEqual(text[c["end"] - 1], "；")
        # Nothing is lost: the pieces cover the line.
        self.assertEqual("".join(text[c["start"]:c["end"]] for c in clauses), line)
        self.assertEqual(run("validate", out).returncode, 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
