#!/usr/bin/env python3
"""`clausemark-cli explain` names the words behind a label: a model trained here on
sentences written for this test, where one verb decides "sharing", must put that
verb first among the words of an unseen sentence (and its pushes must add up
with the n-grams' own)."""

import os
import re
import subprocess
import tempfile
import unittest

BUILD = os.environ["CM_BUILD_DIR"]
CLI = os.path.join(BUILD, "src", "cli", "clausemark-cli")

SHARING = "[0 0 1 0 0 0 0 0 0 0 0]"
NONE = "[0 0 0 0 0 0 0 0 0 0 0]"
OBJECTS = ["your information", "your account details", "the data you give us",
           "your device identifiers", "your contact list", "the records of your orders"]
PURPOSES = ["to improve our services", "when the law asks us", "for the reasons in this policy",
            "as described below"]


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=300)


class ExplainTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        data = os.path.join(cls.tmp.name, "topics.txt")
        with open(data, "w", encoding="utf-8") as f:
            for other in ("keep", "protect", "review"):
                for o in OBJECTS:
                    for p in PURPOSES:
                        f.write("We disclose %s %s.\t%s\n" % (o, p, SHARING))
                        f.write("We %s %s %s.\t%s\n" % (other, o, p, NONE))
        cls.model = os.path.join(cls.tmp.name, "en.cmmodel")
        r = run("train", "--lang", "en", "--data", data, "-o", cls.model)
        assert r.returncode == 0, r.stderr

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_the_deciding_word_comes_first(self):
        r = run("explain", "--model", self.model, "--label", "sharing",
                "Sometimes we DISCLOSE your browsing history to improve our services.")
        self.assertEqual(r.returncode, 0, r.stderr)
        words = [l for l in r.stdout.splitlines() if l.startswith("  words:")]
        self.assertEqual(len(words), 1, r.stdout)
        pairs = re.findall(r"([+-]\d+\.\d+) (\S+)", words[0])
        self.assertGreater(len(pairs), 3, words[0])
        self.assertEqual(pairs[0][1], "DISCLOSE", words[0])
        self.assertGreater(float(pairs[0][0]), 0.0)
        # Sorted by the size of the push.
        sizes = [abs(float(w)) for w, _ in pairs]
        self.assertEqual(sizes, sorted(sizes, reverse=True))

    def test_chinese_characters_are_words(self):
        path = os.path.join(os.environ["CM_DATA_DIR"], "models", "zh.cmmodel")
        r = run("explain", "--model", path, "--label", "sharing", "我们会与合作伙伴共享您的个人信息。")
        self.assertEqual(r.returncode, 0, r.stderr)
        words = [l for l in r.stdout.splitlines() if l.startswith("  words:")][0]
        units = re.findall(r"[+-]\d+\.\d+ (\S+)", words)
        self.assertTrue(all(len(u) == 1 for u in units), words)


if __name__ == "__main__":
    unittest.main()
