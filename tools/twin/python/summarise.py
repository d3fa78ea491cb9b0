"""Summaries and tests for the k = 2 investigation.

    python3 tools/twin/python/summarise.py NAME=results.json [NAME=results.json ...] [--at 5000]

Each file is the JSON of `npm run -s twin:seeds` or of streams.py. Prints,
per file, the NMSE at the checkpoint --at (median, quartiles, range) and the
first checkpoint below 0.1 (counts per checkpoint); then, for every pair of
files, a Mann-Whitney test of the NMSE at --at, and, where the two share
constructions (the same seed names), a Wilcoxon signed-rank test of the
paired differences. One JSON object per line after the readable table
(with --json).
"""

import argparse
import json
from collections import Counter

import numpy as np
from scipy import stats


def load(path):
    with open(path) as f:
        data = json.load(f)
    out = {}
    for r in data["runs"]:
        name = r.get("name") or f"seed-{r['seed']}"
        out[name] = {"nmse": {int(k): v for k, v in r["nmse"].items()}, "first": r["firstBelow01"]}
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("files", nargs="+")
    p.add_argument("--at", type=int, default=5000)
    p.add_argument("--json", action="store_true")
    a = p.parse_args()
    sets = {}
    for spec in a.files:
        name, _, path = spec.partition("=")
        sets[name] = load(path)
    summary = {}
    for name, runs in sets.items():
        v = np.array([r["nmse"][a.at] for r in runs.values() if a.at in r["nmse"]])
        firsts = Counter(r["first"] for r in runs.values())
        q = np.percentile(v, [0, 25, 50, 75, 100])
        summary[name] = {"count": len(v), "median": q[2], "q1": q[1], "q3": q[3], "min": q[0], "max": q[4]}
        firsts_text = ", ".join(f"{k if k is not None else 'not yet'}: {c}" for k, c in sorted(firsts.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)))
        print(
            f"{name:>16}  n={len(v):2d}  NMSE@{a.at}: median {q[2]:.3f}  IQR {q[1]:.3f}-{q[3]:.3f}  range {q[0]:.3f}-{q[4]:.3f}"
            f"   first < 0.1: {firsts_text}"
        )
    names = list(sets)
    tests = []
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            A, B = sets[names[i]], sets[names[j]]
            va = [r["nmse"][a.at] for r in A.values()]
            vb = [r["nmse"][a.at] for r in B.values()]
            mw = stats.mannwhitneyu(va, vb, alternative="two-sided")
            # z from the U statistic (normal approximation, no tie correction needed for continuous values)
            n1, n2 = len(va), len(vb)
            z = (mw.statistic - n1 * n2 / 2) / np.sqrt(n1 * n2 * (n1 + n2 + 1) / 12)
            line = f"{names[i]} vs {names[j]}: Mann-Whitney z = {z:+.2f}, p = {mw.pvalue:.3f}"
            test = {"a": names[i], "b": names[j], "mannWhitneyZ": z, "mannWhitneyP": mw.pvalue}
            shared = sorted(set(A) & set(B))
            da = np.array([A[k]["nmse"][a.at] for k in shared])
            db = np.array([B[k]["nmse"][a.at] for k in shared])
            # Two files that overlap in identical runs (one a subset of the other) have nothing to pair.
            if len(shared) >= 6 and np.any(da != db):
                w = stats.wilcoxon(da, db)
                ratio = np.exp(np.median(np.log(da / db)))
                line += f"; paired on {len(shared)} constructions: Wilcoxon p = {w.pvalue:.3f}, median ratio {ratio:.2f}"
                test.update({"paired": len(shared), "wilcoxonP": w.pvalue, "medianRatio": ratio})
            print(line)
            tests.append(test)
    if a.json:
        print(json.dumps({"at": a.at, "summary": summary, "tests": tests}))


if __name__ == "__main__":
    main()
