"""Trains the reference's student (docs/science.md 2.5) in PyTorch on parity
constructions, with either side's random streams, on the reference's
checkpoint schedule: the k = 2 investigation's PyTorch side.

    python3 tools/twin/python/streams.py --exports DIR/seed-1 DIR/seed-2 ... \\
        [--init lab|torch] [--batches lab|torch] [--torch-seed 1] [--steps 10000]
    python3 tools/twin/python/streams.py --reference 1-24 [--k 2] [--torch-seed 1] [--steps 10000]

--exports: the lab's constructions and test sets (`npm run -s twin:seeds --
... --export DIR --no-train`); --init lab takes the lab's initial weights,
--batches lab the hidden bits of the lab's own training batches (train.zbits,
through the construction's standardised map, labels the parity of the secret
bits). torch means PyTorch's own generator. --reference: constructions built
by reference_construction.py from numpy's streams, PyTorch's init and
batches. All runs train side by side as one batched computation (Adam and
the per-run mean loss keep them independent). Prints one JSON object.
"""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np  # noqa: E402

from twinlib import REFERENCE_CHECKPOINTS, Export, he_init, layer_sizes, require_torch  # noqa: E402


def seed_list(s):
    out = []
    for part in s.split(","):
        a, _, b = part.partition("-")
        out += list(range(int(a), int(b or a) + 1))
    return out


class Run:
    """One construction: standardised map, secret, test set; optionally the lab's init and bits."""

    def __init__(self, name, smap, secret, test_x, test_y, label_variance, export=None):
        self.name, self.smap, self.secret = name, smap, np.asarray(secret)
        self.test_x, self.test_y, self.label_variance = test_x, test_y, label_variance
        self.export = export


def from_export(directory):
    ex = Export(directory)
    m = ex.manifest
    if m["inputs"]["kind"] != "parity":
        raise ValueError(f"{directory}: streams.py trains parity inputs only, not {m['inputs']['kind']}")
    return Run(
        os.path.basename(os.path.normpath(directory)),
        ex.array("construction.map"),
        m["inputs"]["secret"],
        ex.array("test.x"),
        ex.array("test.y"),
        m["test"]["labelVariance"],
        ex,
    )


def from_reference(seed, k):
    from reference_construction import build

    c = build(seed, k=k)
    return Run(f"reference-{seed}", c["map"], c["secret"], c["test_x"], c["test_y"], c["label_variance"])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--exports", nargs="*", default=[])
    p.add_argument("--reference", default=None, help="seeds of reference constructions, e.g. 1-24")
    p.add_argument("--k", type=int, default=2)
    p.add_argument("--init", choices=["lab", "torch"], default="torch")
    p.add_argument("--batches", choices=["lab", "torch"], default="torch")
    p.add_argument("--torch-seed", type=int, default=1)
    p.add_argument("--steps", type=int, default=10000)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--h", type=int, default=128)
    a = p.parse_args()
    torch = require_torch()
    torch.set_num_threads(a.threads)

    runs = [from_export(d) for d in a.exports]
    if a.reference:
        runs += [from_reference(s, a.k) for s in seed_list(a.reference)]
    if not runs:
        p.error("give --exports or --reference")
    if (a.init == "lab" or a.batches == "lab") and any(r.export is None for r in runs):
        p.error("--init lab and --batches lab need the lab's exports")
    R = len(runs)
    n = runs[0].smap.shape[1]
    d = runs[0].smap.shape[0] - 1
    B, h = a.batch, a.h
    if a.batches == "lab":
        avail = min(r.export.array("train.zbits").shape[0] for r in runs)
        if avail < a.steps:
            p.error(f"the exports hold the bits of {avail} steps, fewer than --steps {a.steps}")
        if any(r.export.manifest["batch"] != B for r in runs):
            p.error("the exports' batch size differs from --batch")

    f32 = torch.float32
    # Per run: the standardised map's bit rows and constant row, and a one-hot of the secret.
    M = torch.tensor(np.stack([r.smap[:d] for r in runs]), dtype=torch.float64)  # R x d x n
    c0 = torch.tensor(np.stack([r.smap[d] for r in runs]), dtype=torch.float64)[:, None, :]  # R x 1 x n
    Smask = torch.zeros(R, d, 1, dtype=torch.float64)
    for i, r in enumerate(runs):
        Smask[i, r.secret, 0] = 1.0

    gens = [torch.Generator().manual_seed(a.torch_seed * 100003 + i) for i in range(R)]
    sizes = layer_sizes(n, h, 1)
    if a.init == "lab":
        layers = [r.export.layers("init") for r in runs]
        params = []
        for l in range(len(sizes)):
            params.append(torch.tensor(np.stack([L[l][0] for L in layers]), dtype=f32))
            params.append(torch.tensor(np.stack([L[l][1] for L in layers]), dtype=f32)[:, None, :])
    else:
        per = [he_init(torch, sizes, "relu", g, f32) for g in gens]
        params = [torch.stack([q[i] for q in per]) for i in range(len(per[0]))]
        params = [t if t.dim() == 3 else t[:, None, :] for t in params]
    for t in params:
        t.requires_grad_()
    W1, b1, W2, b2 = params
    opt = torch.optim.Adam(params, lr=a.lr, betas=(0.9, 0.999), eps=1e-8)

    def net(x):
        return torch.bmm(torch.relu(torch.bmm(x, W1) + b1), W2) + b2

    testX = torch.tensor(np.stack([r.test_x for r in runs]), dtype=f32)
    testY = np.stack([r.test_y for r in runs]).astype(np.float64)
    var = np.array([r.label_variance for r in runs])
    curves = [{} for _ in runs]

    def evaluate(step):
        with torch.no_grad():
            pred = net(testX)[:, :, 0].numpy().astype(np.float64)
        nmse = ((pred - testY) ** 2).mean(axis=1) / var
        for i in range(R):
            curves[i][str(step)] = float(nmse[i])

    CHUNK = 250
    bits = None
    checkpoints = [s for s in REFERENCE_CHECKPOINTS if s <= a.steps]
    t0 = time.perf_counter()
    evaluate(0)
    for t in range(a.steps):
        if a.batches == "lab":
            if t % CHUNK == 0:
                bits = np.stack([r.export.array("train.zbits")[t : t + CHUNK] for r in runs])  # R x C x B x bytes
                bits = torch.tensor(np.unpackbits(bits, axis=-1, count=d), dtype=torch.float64)
            z = bits[:, t % CHUNK]
        else:
            z = torch.stack([torch.randint(0, 2, (B, d), generator=g) for g in gens]).to(torch.float64)
        x = (torch.bmm(z, M) + c0).to(f32)
        y = (torch.bmm(z, Smask)[:, :, 0] % 2).to(f32)
        out = net(x)[:, :, 0]
        loss = ((out - y) ** 2).mean(dim=1).sum()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if t + 1 in checkpoints:
            evaluate(t + 1)
            sys.stderr.write(f"step {t + 1}: {' '.join(f'{curves[i][str(t + 1)]:.3f}' for i in range(R))}\n")

    def first_below(curve, thr=0.1):
        for s in sorted(curve, key=int):
            if curve[s] < thr:
                return int(s)
        return None

    print(
        json.dumps(
            {
                "init": a.init,
                "batches": a.batches,
                "torchSeed": a.torch_seed,
                "steps": a.steps,
                "seconds": time.perf_counter() - t0,
                "torch": torch.__version__,
                "runs": [
                    {"name": r.name, "secret": [int(s) for s in r.secret], "nmse": curves[i], "firstBelow01": first_below(curves[i])}
                    for i, r in enumerate(runs)
                ],
            }
        )
    )


if __name__ == "__main__":
    main()
