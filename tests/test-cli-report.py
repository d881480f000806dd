#!/usr/bin/env python3
"""clausemark-cli report: the PDF holds the expected findings (pdftotext) and
renders (pdftoppm), in English and in Chinese; the HTML is one self-contained
file with the charts inline; --charts writes every chart as PNG, SVG and CSV."""

import csv
import os
import shutil
import subprocess
import tempfile
import unittest

BUILD = os.environ["CM_BUILD_DIR"]
SOURCE = os.environ["CM_SOURCE_DIR"]
CLI = os.path.join(BUILD, "src", "cli", "clausemark-cli")
FIXTURES = os.path.join(SOURCE, "tests", "data", "checklist")
GAPS_ZH = os.path.join(FIXTURES, "gaps-zh.txt")
GAPS_EN = os.path.join(FIXTURES, "gaps-en.txt")


def run(*args, env=None):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=300, env=env)


def chinese_env():
    env = dict(os.environ)
    env.update(LANGUAGE="zh_CN", LANG="zh_CN.UTF-8", LC_ALL="",
               CLAUSEMARK_LOCALEDIR=os.path.join(BUILD, "po"))
    return env


@unittest.skipUnless(shutil.which("pdftotext") and shutil.which("pdftoppm"),
                     "poppler-utils (pdftotext, pdftoppm) not installed")
class ReportTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="clausemark-report-test-")
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def pdf_text(self, path):
        r = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        return " ".join(r.stdout.split())

    def assert_renders(self, path):
        r = subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", path,
                            os.path.join(self.dir, "page")], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(any(f.startswith("page") and f.endswith(".png") for f in os.listdir(self.dir)))

    def test_english_pdf_lists_the_findings(self):
        out = os.path.join(self.dir, "report.pdf")
        r = run("report", GAPS_ZH, GAPS_EN, "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        text = self.pdf_text(out)
        # Missing disclosures, most important first, with the law.
        self.assertIn("Absent: Handler's contact (PIPL Art. 17(1))", text)
        self.assertIn("Absent: How to exercise one's rights", text)
        self.assertIn("Unclear: Retention period (PIPL Art. 17(3))", text)
        self.assertIn("Absent: Right to complain to a supervisory authority", text)
        self.assertLess(text.index("Absent: Handler's contact"), text.index("Unclear: Retention period"))
        # Sensitive data: the precise-location clause, with its category.
        self.assertIn("Location tracking", text)
        self.assertIn("精确位置信息", text)
        self.assertIn("Key clauses by topic", text)
        self.assertIn("Disclosure checklist coverage", text)
        self.assert_renders(out)

    def test_chinese_pdf(self):
        out = os.path.join(self.dir, "report-zh.pdf")
        r = run("report", GAPS_ZH, "-o", out, env=chinese_env())
        self.assertEqual(r.returncode, 0, r.stderr)
        text = self.pdf_text(out)
        self.assertIn("缺失：个人信息处理者的联系方式", text)
        self.assertIn("敏感个人信息", text)
        self.assertIn("行踪轨迹", text)
        self.assert_renders(out)

    def test_html_is_self_contained(self):
        out = os.path.join(self.dir, "report.html")
        r = run("report", GAPS_EN, "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, encoding="utf-8") as f:
            html = f.read()
        self.assertIn("<svg", html)
        self.assertIn("Absent: Legal basis", html.replace("Purposes and legal basis", "Legal basis"))
        for outside in ("src=\"http", "href=\"http", "<link", "<script"):
            self.assertNotIn(outside, html)

    def test_charts_export(self):
        charts = os.path.join(self.dir, "charts")
        r = run("report", GAPS_ZH, GAPS_EN, "--charts", charts)
        self.assertEqual(r.returncode, 0, r.stderr)
        for chart in ("topics", "coverage", "flags", "review"):
            for ext in ("png", "svg", "csv"):
                self.assertTrue(os.path.getsize(os.path.join(charts, f"{chart}.{ext}")) > 0, chart + ext)
        with open(os.path.join(charts, "coverage.csv"), encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        self.assertEqual([row[0] for row in rows[1:]], ["gaps-zh", "gaps-en"])
        header = rows[0]
        column = next(i for i, name in enumerate(header) if "Handler's contact" in name)
        self.assertEqual(rows[1][column], "Absent")
        with open(os.path.join(charts, "coverage.png"), "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")

    def test_bad_output_name(self):
        r = run("report", GAPS_EN, "-o", os.path.join(self.dir, "report.docx"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("report.docx", r.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
