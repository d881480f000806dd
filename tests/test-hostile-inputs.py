#!/usr/bin/env python3
"""Hostile input for what was added after issue 9 was filed: the importers
(Label Studio, doccano, CSV), checklist files, PDF, MHTML, Markdown, HTML,
and invalid UTF-8 everywhere. Every command must end with a clear error
naming the input or with a correct result — never with a signal, a hang or
lost text. The cases marked "crashed before" or "lost text before" failed
before their fix; the others hold what already worked."""

import base64
import json
import os
import subprocess
import tempfile
import unittest

BUILD = os.environ["CM_BUILD_DIR"]
SOURCE = os.environ["CM_SOURCE_DIR"]
CLI = os.path.join(BUILD, "src", "cli", "clausemark-cli")
SAMPLES = os.path.join(SOURCE, "data", "samples")
TEAM = os.path.join(SOURCE, "tests", "data", "team")

DEPTH = 100000
DEEP_JSON = "[" * DEPTH + "]" * DEPTH


def run(*args, timeout=120):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=timeout,
                          errors="replace")


def pdf(page_texts, encrypt=False, break_xref=False):
    """A PDF with one line of Helvetica text a page."""
    n = len(page_texts)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               ("<< /Type /Pages /Kids [%s] /Count %d >>"
                % (" ".join(f"{4 + 2 * i} 0 R" for i in range(n)), n)).encode(),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, text in enumerate(page_texts):
        objects.append(("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                        f"<< /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>").encode())
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    if encrypt:
        # The standard security handler; the empty password does not open it.
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <"
                       + b"22" * 32 + b"> /P -4 >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for k, body in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (k + 1, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % (offset * 7 + 13 if break_xref else offset)
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if encrypt:
        trailer += (b" /Encrypt %d 0 R /ID [<0123456789abcdef0123456789abcdef> "
                    b"<0123456789abcdef0123456789abcdef>]" % len(objects))
    out += b"trailer\n%s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref + 17 if break_xref else xref)
    return bytes(out)


class HostileInputTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="clausemark-hostile-")
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)
        return path

    def assert_clean_failure(self, r, path, *expected):
        self.assertGreaterEqual(r.returncode, 0,
                                f"killed by signal {-r.returncode}: {r.stderr[-500:]}")
        self.assertNotEqual(r.returncode, 0, r.stdout[-500:])
        self.assertIn(os.path.basename(path), r.stderr)
        for e in expected:
            self.assertIn(e, r.stderr)

    def annotate(self, path, *extra):
        out = os.path.join(self.dir, "out-" + os.path.basename(path))
        r = run("annotate", "--no-model", *extra, path, "-o", out, timeout=300)
        self.assertGreaterEqual(r.returncode, 0, f"killed by signal {-r.returncode}")
        self.assertEqual(r.returncode, 0, r.stderr[-1000:])
        name = os.path.splitext(os.path.basename(path))[0]
        with open(os.path.join(out, name + ".json"), encoding="utf-8") as f:
            return json.load(f), r.stderr

    # ---- JSON readers added since the issue: crashed before (SIGSEGV) ----

    def test_deep_json_in_importers_and_checklists(self):
        ls = self.write("deep-ls.json", DEEP_JSON)
        self.assert_clean_failure(run("import", "--format", "labelstudio", ls, "-o",
                                      os.path.join(self.dir, "o1")), ls, "nested deeper")
        line = json.dumps({"text": "We collect data.", "label": []})
        doccano = self.write("deep.jsonl", line + "\n" + DEEP_JSON + "\n")
        self.assert_clean_failure(run("import", "--format", "doccano", doccano, "-o",
                                      os.path.join(self.dir, "o2")), doccano, "line 2", "nested deeper")
        checklist = self.write("deep-checklist.json", DEEP_JSON)
        self.assert_clean_failure(run("checklist", "--checklist", checklist,
                                      os.path.join(SAMPLES, "sample-en.txt")), checklist, "nested deeper")

    def test_importers_and_checklists_read_streams_bounded(self):
        # /dev/zero grew without end (the importers and checklists read
        # whole files unbounded); a FIFO is read once.
        for args in (["import", "--format", "labelstudio", "/dev/zero"],
                     ["import", "--format", "doccano", "/dev/zero"],
                     ["import", "--format", "csv", "/dev/zero"],
                     ["checklist", "--checklist", "/dev/zero",
                      os.path.join(SAMPLES, "sample-en.txt")]):
            if args[-1] == "/dev/zero":
                args = args + ["-o", os.path.join(self.dir, "o")]
            r = run(*args, timeout=120)
            self.assertGreaterEqual(r.returncode, 0, f"{args}: signal {-r.returncode}")
            self.assertNotEqual(r.returncode, 0, args)
        fifo = os.path.join(self.dir, "fifo.json")
        os.mkfifo(fifo)
        proc = subprocess.Popen([CLI, "import", "--format", "labelstudio", fifo, "-o",
                                 os.path.join(self.dir, "o3")], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        with open(fifo, "w") as f:
            f.write(open(os.path.join(SOURCE, "tests", "fuzz", "seeds", "import-labelstudio",
                                      "export.json"), encoding="utf-8").read())
        _, stderr = proc.communicate(timeout=60)
        self.assertEqual(proc.returncode, 0, stderr)

    def test_duplicate_members_and_trailing_data_in_checklists(self):
        good = open(os.path.join(SOURCE, "tests", "fuzz", "seeds", "checklist", "small.json"),
                    encoding="utf-8").read()
        trailing = self.write("trailing.json", good + "\n{}")
        self.assert_clean_failure(run("checklist", "--checklist", trailing,
                                      os.path.join(SAMPLES, "sample-en.txt")), trailing)

    def test_checklist_members_of_the_wrong_type(self):
        # Found by fuzzing: an object where a string or a number belongs
        # tripped json-glib criticals (fatal here, as G_DEBUG=fatal-criticals).
        with open(os.path.join(SOURCE, "tests", "fuzz", "seeds", "checklist", "small.json"),
                  encoding="utf-8") as f:
            good = json.load(f)
        cases = {"format": lambda c: c.update(format={}),
                 "id": lambda c: c.update(id=[]),
                 "name": lambda c: c["name"].update(en={"x": 1}),
                 "item-id": lambda c: c["items"][0].update(id={}),
                 "law": lambda c: c["items"][0].update(law=["x"]),
                 "severity": lambda c: c["items"][0].update(severity={"n": 3}),
                 "severity-string": lambda c: c["items"][0].update(severity="3"),
                 "version": lambda c: c.update(version=[1])}
        for name, spoil in cases.items():
            checklist = json.loads(json.dumps(good))
            spoil(checklist)
            path = self.write(f"wrong-{name}.json", json.dumps(checklist))
            r = subprocess.run([CLI, "checklist", "--checklist", path,
                                os.path.join(SAMPLES, "sample-en.txt")], capture_output=True,
                               text=True, timeout=60,
                               env=dict(os.environ, G_DEBUG="fatal-criticals"))
            self.assertNotIn("CRITICAL", r.stderr, name)
            self.assert_clean_failure(r, path)

    def test_an_impossible_timestamp_in_an_import_names_its_record(self):
        # Found by fuzzing: month 22 passed the importer, and the documents it
        # built were refused only when saved, naming the output, not the input.
        with open(os.path.join(TEAM, "policy-team.csv"), encoding="utf-8") as f:
            csv = f.read()
        path = self.write("dates.csv", csv.replace("2026-11-21T09:00:00Z", "2026-22-21T09:00:00Z"))
        r = run("import", path, "-o", os.path.join(self.dir, "o"))
        self.assert_clean_failure(r, path, "row 4", "2026-22-21T09:00:00Z")
        line = json.dumps({"id": 1, "text": "We collect data.", "label": ["collection"]})
        self.assertEqual(run("import", "--format", "doccano", self.write("fine.jsonl", line),
                             "-o", os.path.join(self.dir, "o2")).returncode, 0)

    def test_imports_that_would_make_an_invalid_document_name_their_input(self):
        # Found by fuzzing: a 300-byte document name and a prediction score of
        # 5.71 passed the importers; the documents were refused only at save,
        # naming the output folder instead of the input file.
        with open(os.path.join(TEAM, "policy-team.csv"), encoding="utf-8") as f:
            csv = f.read()
        path = self.write("long-id.csv", csv.replace("shop,", "s" * 300 + ","))
        out = os.path.join(self.dir, "o1")
        self.assert_clean_failure(run("import", path, "-o", out), path, "row 2")
        self.assertFalse(os.path.exists(out) and os.listdir(out), "something was written")
        task = {"id": 7, "data": {"text": "We share data with partners."},
                "annotations": [],
                "predictions": [{"score": 5.71, "result": [{"type": "choices", "from_name": "topic",
                                 "to_name": "text", "value": {"choices": ["sharing"]}}]}]}
        path = self.write("score.json", json.dumps([task]))
        out = os.path.join(self.dir, "o2")
        self.assert_clean_failure(run("import", "--format", "labelstudio", path, "-o", out),
                                  path, "task 7")
        self.assertFalse(os.path.exists(out) and os.listdir(out), "something was written")

    # ---- invalid UTF-8 ----

    def test_invalid_utf8_in_importers_checklists_manifests(self):
        csv = open(os.path.join(TEAM, "policy-team.csv"), "rb").read()
        bad_csv = self.write("bad.csv", csv.replace(b"We collect", b"We \xff collect"))
        self.assert_clean_failure(run("import", bad_csv, "-o", os.path.join(self.dir, "o1")),
                                  bad_csv, "UTF-8")
        line = json.dumps({"text": "We collect data.", "label": []}).encode()
        bad_jsonl = self.write("bad.jsonl", line + b"\n" + line.replace(b"We", b"W\xed\xa0\x80e"))
        self.assert_clean_failure(run("import", "--format", "doccano", bad_jsonl, "-o",
                                      os.path.join(self.dir, "o2")), bad_jsonl, "line 2")
        ls = json.dumps([{"id": 1, "data": {"text": "We collect data."}, "annotations": []}])
        bad_ls = self.write("bad-ls.json", ls.encode().replace(b"We", b"W\xc3\x28e"))
        self.assert_clean_failure(run("import", "--format", "labelstudio", bad_ls, "-o",
                                      os.path.join(self.dir, "o3")), bad_ls, "UTF-8")
        checklist = open(os.path.join(SOURCE, "tests", "fuzz", "seeds", "checklist",
                                      "small.json"), "rb").read()
        bad_checklist = self.write("bad-checklist.json", checklist.replace(b"Seed", b"S\xffeed"))
        self.assert_clean_failure(run("checklist", "--checklist", bad_checklist,
                                      os.path.join(SAMPLES, "sample-en.txt")), bad_checklist,
                                  "UTF-8")

    def test_a_stray_invalid_byte_does_not_cost_a_utf8_policy(self):
        # Lost text before: a Chinese UTF-8 policy with one corrupt byte was
        # refused ("not valid in any encoding tried"); an English one with
        # curly quotes was read whole as Windows-1252 (mojibake throughout).
        # Now the byte becomes U+FFFD, the rest reads as it is, and the load
        # report says so.
        zh = open(os.path.join(SAMPLES, "sample-zh.txt"), "rb").read()
        at = zh.index("。".encode()) + 3
        for name, data in (("zh.txt", zh[:at] + b"\xff" + zh[at:]),
                           ("zh.md", zh[:at] + b"\xc3\x28" + zh[at:]),
                           ("zh.html", b'<html><head><meta charset="utf-8"></head><body><p>'
                            + zh[:at] + b"\xed\xa0\x80" + zh[at:].replace(b"\n", b"</p><p>")
                            + b"</p></body></html>")):
            path = self.write(name, data)
            document, stderr = self.annotate(path, "-v")
            self.assertEqual(document["source"]["encoding"], "UTF-8", name)
            self.assertIn("\ufffd", document["text"], name)
            expected = zh.decode("utf-8").split("\n")[0][:10]
            self.assertIn(expected, document["text"], name)
            self.assertIn("invalid UTF-8", stderr, name)
        en = ("We \u201ccollect\u201d data \u2014 and keep it safe. " * 20).encode()
        path = self.write("en.txt", en[:100] + b"\x92" + en[100:])
        document, _ = self.annotate(path)
        self.assertEqual(document["source"]["encoding"], "UTF-8")
        self.assertIn("\u201ccollect\u201d", document["text"])
        # A legacy file is still read in its own encoding.
        gbk = self.write("gbk.txt", zh.decode("utf-8").encode("gb18030"))
        document, _ = self.annotate(gbk)
        self.assertEqual(document["source"]["encoding"], "GB18030")

    # ---- loaders ----

    def test_markdown_nested_100000_deep(self):
        for name, text in (("quotes.md", ">" * DEPTH + " We collect data.\n"),
                           ("lists.md", "- " * DEPTH + "We collect data.\n"),
                           ("emphasis.md", "*" * DEPTH + "We collect data." + "*" * DEPTH + "\n"),
                           ("links.md", "[" * DEPTH + "We collect data." + "]" * DEPTH + "\n")):
            document, _ = self.annotate(self.write(name, text))
            self.assertIn("We collect data.", document["text"], name)

    def test_html_with_a_huge_attribute_value(self):
        html = ('<html><body><p title="' + "a" * (20 * 1024 * 1024)
                + '">We collect data.</p><p>We share data.</p></body></html>')
        document, _ = self.annotate(self.write("attribute.html", html))
        self.assertIn("We collect data.", document["text"])
        self.assertIn("We share data.", document["text"])
        self.assertNotIn("aaaa", document["text"])

    def test_mhtml_with_huge_base64_parts(self):
        page = b"<html><body><p>We collect data.</p></body></html>"
        image = base64.encodebytes(b"\x89PNG" + b"\0" * (30 * 1024 * 1024))
        mhtml = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n'
                 b"--B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                 + base64.encodebytes(page) + b"\r\n--B\r\nContent-Type: image/png\r\n"
                 b"Content-Transfer-Encoding: base64\r\n\r\n" + image + b"\r\n--B--\r\n")
        document, _ = self.annotate(self.write("page.mhtml", mhtml))
        self.assertEqual(document["text"].strip(), "We collect data.")
        # Base64 that is not: reported, not crashed on.
        broken = mhtml.replace(base64.encodebytes(page), b"!!!!" * 1000 + b"\r\n")
        path = self.write("broken.mhtml", broken)
        r = run("annotate", "--no-model", path, "-o", os.path.join(self.dir, "o"))
        self.assertGreaterEqual(r.returncode, 0, f"signal {-r.returncode}")

    def test_pdfs_encrypted_broken_and_long(self):
        path = self.write("locked.pdf", pdf(["We collect data."] * 2, encrypt=True))
        self.assert_clean_failure(run("annotate", "--no-model", path, "-o",
                                      os.path.join(self.dir, "o")), path, "password")
        texts = ["We collect your email address.", "We share data with partners.",
                 "You may delete your account."]
        document, _ = self.annotate(self.write("xref.pdf", pdf(texts, break_xref=True)))
        for text in texts:
            self.assertIn(text, document["text"])
        cut = pdf(texts)
        path = self.write("cut.pdf", cut[:len(cut) // 2])
        r = run("annotate", "--no-model", path, "-o", os.path.join(self.dir, "o"))
        self.assertGreaterEqual(r.returncode, 0, f"signal {-r.returncode}")
        if r.returncode != 0:
            self.assertIn("cut.pdf", r.stderr)
        pages = [f"Clause {i}: we keep record {'abcdefghij'[i % 10] * (i % 7 + 1)} for {3 * i} days."
                 for i in range(3000)]
        document, _ = self.annotate(self.write("long.pdf", pdf(pages)))
        for i in (0, 1499, 2999):
            self.assertIn(pages[i], document["text"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
