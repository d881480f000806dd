#!/usr/bin/env python3
"""Word (.docx) and OpenDocument (.odt) files built here from known content
(with python3's zipfile) come back through `annotate` as the same
paragraphs: headings, list numbers as Word and LibreOffice render them,
bullets, table rows; tracked deletions, field codes and notes left out."""

import json
import os
import subprocess
import tempfile
import unittest
import zipfile

BUILD = os.environ["CM_BUILD_DIR"]
CLI = os.path.join(BUILD, "src", "cli", "clausemark-cli")

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

DOCX_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W}>
  <w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Berschrift1"><w:name w:val="heading 1"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
</w:styles>"""

DOCX_NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {W}>
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="2">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1条"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>"""


def w_para(text, style=None, num=None, level=0):
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'
    runs = "".join(f"<w:r><w:t xml:space=\"preserve\">{part}</w:t></w:r>" for part in text.split("|"))
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


DOCX_BODY = "".join([
    w_para("Privacy Policy", style="Berschrift1"),
    w_para("This policy explains |how we handle your data."),
    w_para("Information we collect", num=1),
    w_para("Account data such as your name.", num=1, level=1),
    w_para("Usage data such as the pages you visit.", num=1, level=1),
    w_para("Crash reports.", num=1, level=2),
    w_para("Logs.", num=1, level=2),
    w_para("How we use it", num=1),
    w_para("Sharing", style="Heading2"),
    w_para("With our hosting provider.", num=2),
    w_para("With the authorities when the law requires it.", num=2),
    # A tracked deletion and a field code: neither is text.
    '<w:p><w:r><w:t xml:space="preserve">We keep data for </w:t></w:r>'
    '<w:del w:id="1" w:author="x"><w:r><w:delText>twelve</w:delText></w:r></w:del>'
    '<w:ins w:id="2" w:author="x"><w:r><w:t>six</w:t></w:r></w:ins>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
    '<w:r><w:t xml:space="preserve"> months.</w:t></w:r></w:p>',
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Data</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>Kept for</w:t></w:r></w:p></w:tc></w:tr>"
    "<w:tr><w:tc><w:p><w:r><w:t>Logs</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>6 months</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    w_para("我们收集的信息", num=3),
    w_para("我们如何使用信息", num=3),
])

DOCX_EXPECTED = [
    "Privacy Policy",
    "This policy explains how we handle your data.",
    "1. Information we collect",
    "1.1 Account data such as your name.",
    "1.2 Usage data such as the pages you visit.",
    "(a) Crash reports.",
    "(b) Logs.",
    "2. How we use it",
    "Sharing",
    "With our hosting provider.",
    "With the authorities when the law requires it.",
    "We keep data for six months.",
    "Data\tKept for",
    "Logs\t6 months",
    "第一条 我们收集的信息",
    "第二条 我们如何使用信息",
]

ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')

ODT_CONTENT = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {ODT_NS} office:version="1.3">
<office:automatic-styles>
  <text:list-style style:name="L1">
    <text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>
    <text:list-level-style-number text:level="2" style:num-format="1" style:num-suffix="." text:display-levels="2"/>
  </text:list-style>
  <text:list-style style:name="L2">
    <text:list-level-style-bullet text:level="1" text:bullet-char="\u2022"/>
  </text:list-style>
  <text:list-style style:name="L3">
    <text:list-level-style-number text:level="1" style:num-format="a" style:num-prefix="(" style:num-suffix=")"/>
  </text:list-style>
</office:automatic-styles>
<office:body><office:text>
  <text:h text:outline-level="1">Privacy Policy</text:h>
  <text:p>This policy explains<text:s/>how we handle <text:span>your data</text:span>.<text:note><text:note-body><text:p>A footnote.</text:p></text:note-body></text:note></text:p>
  <text:list text:style-name="L1">
    <text:list-item><text:p>Information we collect</text:p>
      <text:list>
        <text:list-item><text:p>Account data such as your name.</text:p></text:list-item>
        <text:list-item><text:p>Usage data such as the pages you visit.</text:p></text:list-item>
      </text:list>
    </text:list-item>
    <text:list-item><text:p>How we use it</text:p></text:list-item>
  </text:list>
  <text:h text:outline-level="2">Sharing</text:h>
  <text:list text:style-name="L2">
    <text:list-item><text:p>With our hosting provider.</text:p></text:list-item>
  </text:list>
  <text:list text:style-name="L3">
    <text:list-item><text:p>first lettered item</text:p></text:list-item>
    <text:list-item><text:p>second lettered item</text:p></text:list-item>
  </text:list>
  <table:table table:name="T1">
    <table:table-row><table:table-cell><text:p>Data</text:p></table:table-cell><table:table-cell><text:p>Kept for</text:p></table:table-cell></table:table-row>
    <table:table-row><table:table-cell><text:p>Logs</text:p></table:table-cell><table:table-cell><text:p>6 months</text:p></table:table-cell></table:table-row>
  </table:table>
</office:text></office:body>
</office:document-content>"""

ODT_EXPECTED = [
    "Privacy Policy",
    "This policy explains how we handle your data.",
    "1. Information we collect",
    "1.1. Account data such as your name.",
    "1.2. Usage data such as the pages you visit.",
    "2. How we use it",
    "Sharing",
    "With our hosting provider.",
    "(a) first lettered item",
    "(b) second lettered item",
    "Data\tKept for",
    "Logs\t6 months",
]


def write_docx(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml",
                   f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{DOCX_BODY}</w:body></w:document>')
        z.writestr("word/styles.xml", DOCX_STYLES)
        z.writestr("word/numbering.xml", DOCX_NUMBERING)


def write_odt(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", ODT_CONTENT, compress_type=zipfile.ZIP_DEFLATED)


class OfficeTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="clausemark-office-test-")
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def annotate(self, path):
        out = os.path.join(self.dir, "out")
        result = subprocess.run([CLI, "annotate", "--no-model", "-g", "paragraph", "-v", path,
                                 "-o", out], capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)
        name = os.path.splitext(os.path.basename(path))[0]
        with open(os.path.join(out, name + ".json"), encoding="utf-8") as f:
            return json.load(f), result.stderr

    def check(self, document, expected, loader):
        self.assertEqual(document["source"]["loader"], loader)
        self.assertEqual(document["text"].rstrip("\n").split("\n"), expected)
        kinds = {document["text"][c["start"]:c["end"]]: c["kind"] for c in document["clauses"]}
        self.assertEqual(kinds["Privacy Policy"], "heading")
        self.assertEqual(kinds["Sharing"], "heading")
        self.assertIn(kinds["1. Information we collect"], ("list-item", "heading"))
        self.assertEqual(kinds["With our hosting provider."], "list-item")
        self.assertEqual(kinds["Logs\t6 months"], "body")

    def test_docx(self):
        path = os.path.join(self.dir, "policy.docx")
        write_docx(path)
        document, _ = self.annotate(path)
        self.check(document, DOCX_EXPECTED, "docx")

    def test_odt(self):
        path = os.path.join(self.dir, "policy.odt")
        write_odt(path)
        document, _ = self.annotate(path)
        self.check(document, ODT_EXPECTED, "odt")

    def test_sniffed_without_extension(self):
        for writer, loader in ((write_docx, "docx"), (write_odt, "odt")):
            path = os.path.join(self.dir, "download-" + loader)
            writer(path)
            document, _ = self.annotate(path)
            self.assertEqual(document["source"]["loader"], loader)

    def test_broken_zip_is_reported(self):
        path = os.path.join(self.dir, "broken.docx")
        with open(path, "wb") as f:
            f.write(b"PK\x03\x04 this is not really a zip file")
        result = subprocess.run([CLI, "annotate", "--no-model", path, "-o",
                                 os.path.join(self.dir, "out")], capture_output=True, text=True)
        self.assertEqual(result.returncode, 1)
        self.assertIn("broken.docx", result.stderr)

    def annotate_fails(self, path):
        result = subprocess.run([CLI, "annotate", "--no-model", path, "-o",
                                 os.path.join(self.dir, "out")], capture_output=True, text=True,
                                timeout=120)
        self.assertNotIn("CRITICAL", result.stderr)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn(os.path.basename(path), result.stderr)
        return result.stderr

    def test_impossible_member_dates(self):
        # A zip's members carry DOS dates; month 0, day 0 cannot be one. libgsf
        # called g_date_time_unref (NULL) on them (found by fuzzing): a critical,
        # fatal under G_DEBUG=fatal-criticals, as in the window.
        path = os.path.join(self.dir, "dates.docx")
        write_docx(path)
        with zipfile.ZipFile(path) as z:
            members = [(i.filename, z.read(i)) for i in z.infolist()]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in members:
                z.writestr(zipfile.ZipInfo(name, date_time=(1980, 0, 0, 25, 61, 62)), data,
                           compress_type=zipfile.ZIP_DEFLATED)
        result = subprocess.run([CLI, "annotate", "--no-model", path, "-o",
                                 os.path.join(self.dir, "out")], capture_output=True, text=True,
                                timeout=120, env=dict(os.environ, G_DEBUG="fatal-criticals"))
        self.assertNotIn("CRITICAL", result.stderr)
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_zip_bomb_is_refused(self):
        # 64 MB of XML in a zip of some 64 KB: a thousand times its size.
        path = os.path.join(self.dir, "bomb.docx")
        paragraph = f'<w:p><w:r><w:t>{"x" * 1000}</w:t></w:r></w:p>'
        body = paragraph * (64 * 1024 * 1024 // len(paragraph))
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("word/document.xml",
                       f'<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>')
        self.assertLess(os.path.getsize(path), 1024 * 1024)
        stderr = self.annotate_fails(path)
        self.assertIn("zip bomb", stderr)

    def test_zip_member_lying_about_its_size(self):
        # The central directory says 100 bytes; the deflate stream holds 64 MB.
        path = os.path.join(self.dir, "liar.odt")
        body = "<text:p>" + "y" * 1000 + "</text:p>"
        content = ('<?xml version="1.0"?><office:document-content '
                   'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                   'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
                   '<office:body><office:text>' + body * (64 * 1024) +
                   '</office:text></office:body></office:document-content>').encode()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("content.xml", content)
        data = bytearray(open(path, "rb").read())
        size = len(content).to_bytes(4, "little")
        for at in (i for i in range(len(data) - 4) if data[i:i + 4] == size):
            data[at:at + 4] = (100).to_bytes(4, "little")
        open(path, "wb").write(bytes(data))
        self.annotate_fails(path)

    def test_truncated_and_encrypted_zips_are_reported(self):
        path = os.path.join(self.dir, "cut.docx")
        write_docx(path)
        data = open(path, "rb").read()
        encrypted = bytearray(data)
        # The "encrypted" flag on every local header and central directory entry.
        for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            at = encrypted.find(signature)
            while at >= 0:
                encrypted[at + flags_at] |= 1
                at = encrypted.find(signature, at + 4)
        for name, broken in (("cut.docx", data[:len(data) // 2]),
                             ("flipped.docx", data[:40] + bytes(b ^ 0x5a for b in data[40:400])
                              + data[400:]),
                             ("encrypted.docx", bytes(encrypted))):
            path = os.path.join(self.dir, name)
            open(path, "wb").write(broken)
            self.annotate_fails(path)


if __name__ == "__main__":
    unittest.main()
