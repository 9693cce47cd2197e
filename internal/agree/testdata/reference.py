#!/usr/bin/python3
"""Reference values for internal/agree, computed once with NLTK.

Run with Debian's python3-nltk (apt-get install python3-nltk):

    /usr/bin/python3 internal/agree/testdata/reference.py > internal/agree/testdata/reference.json

Each fixture is a table of units x coders (None = the coder did not code
the unit). NLTK's AnnotationTask gives Krippendorff's alpha (nominal, with
missing values: items with fewer than two values are dropped), Cohen's kappa
per pair (kappa_pairwise), multi-pi (pi(), which is Fleiss' kappa), the
Davies-Fleiss multi-kappa (multi_kappa()) and the mean observed agreement
(avg_Ao). kappa, pi, multi_kappa and avg_Ao are only defined by NLTK for
complete tables, so they are computed for those only.
"""
import json
import random
import sys

import nltk
from nltk.metrics.agreement import AnnotationTask


def fixture(name, coders, rows, note=""):
    data = []
    for i, row in enumerate(rows):
        for c, v in zip(coders, row):
            if v is not None:
                data.append((c, "u%03d" % i, v))
    t = AnnotationTask(data=data)
    out = {"name": name, "note": note, "coders": coders, "units": rows,
           "nltk": {"alpha": t.alpha()}}
    if all(v is not None for row in rows for v in row):
        out["nltk"]["avg_ao"] = t.avg_Ao()
        out["nltk"]["pi"] = t.pi()
        out["nltk"]["multi_kappa"] = t.multi_kappa()
        out["nltk"]["kappa"] = {}
        for a in range(len(coders)):
            for b in range(a + 1, len(coders)):
                out["nltk"]["kappa"]["%s|%s" % (coders[a], coders[b])] = t.kappa_pairwise(coders[a], coders[b])
    return out


def main():
    _ = None
    fixtures = []
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
    # section C: 4 observers, 12 units, nominal values with missing data.
    # Published: alpha = 0.743.
    k2011 = [
        [1, 1, _, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3],
        [2, 2, 2, 2], [1, 2, 3, 4], [4, 4, 4, 4], [1, 1, 2, 1],
        [2, 2, 2, 2], [_, 5, 5, 5], [_, _, 1, 1], [_, 3, _, _],
    ]
    fixtures.append(fixture("krippendorff2011", ["A", "B", "C", "D"],
                            [[None if v is None else str(v) for v in r] for r in k2011],
                            "published nominal alpha 0.743"))
    # Krippendorff (1995) example A (Bertha and Bill), digitised: published
    # kappa 0.385, pi 0.314, alpha 0.329.
    bertha = "001111111100001111110000"
    bill = "000011110000000110000000"
    fixtures.append(fixture("krippendorff1995a", ["Bertha", "Bill"],
                            [[a, b] for a, b in zip(bertha, bill)],
                            "published kappa 0.385, pi 0.314, alpha 0.329"))
    rng = random.Random(15)
    # Two coders, three stance labels, 40 units, mostly agreeing.
    rows = []
    for _i in range(40):
        a = rng.choice(["support", "oppose", "neutral"])
        b = a if rng.random() < 0.7 else rng.choice(["support", "oppose", "neutral"])
        rows.append([a, b])
    fixtures.append(fixture("two-coders-stance", ["alice", "bob"], rows))
    # Three coders, binary, 50 units, complete.
    rows = []
    for _i in range(50):
        truth = "1" if rng.random() < 0.35 else "0"
        rows.append([truth if rng.random() < 0.8 else ("0" if truth == "1" else "1") for _c in range(3)])
    fixtures.append(fixture("three-coders-binary", ["ann", "ben", "cy"], rows))
    # Four coders, four categories with a label set, 60 units, complete.
    cats = ["", "support", "oppose", "oppose+support"]
    rows = []
    for _i in range(60):
        truth = rng.choice(cats)
        rows.append([truth if rng.random() < 0.65 else rng.choice(cats) for _c in range(4)])
    fixtures.append(fixture("four-coders-sets", ["a", "b", "c", "d"], rows))
    # Three coders, binary, 45 units, about a fifth missing.
    rows = []
    for _i in range(45):
        truth = "1" if rng.random() < 0.4 else "0"
        row = [truth if rng.random() < 0.85 else ("0" if truth == "1" else "1") for _c in range(3)]
        row = [None if rng.random() < 0.2 else v for v in row]
        rows.append(row)
    fixtures.append(fixture("three-coders-missing", ["x", "y", "z"], rows))
    json.dump({"generator": "reference.py with NLTK " + nltk.__version__ + ", Python " + sys.version.split()[0],
               "fixtures": fixtures}, sys.stdout, indent=1)
    sys.stdout.write("\n")


main()
