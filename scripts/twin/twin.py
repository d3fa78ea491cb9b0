"""The exact twin: trains, in PyTorch, the network the lab exported (its
initial weights, its optimiser, the exact inputs of its batches) and writes
what it measured beside the export, for `npm run -s twin` to compare.

    python3 scripts/twin/twin.py <export dir> [--float64]

Writes <dir>/torch.trainLoss.npy (the batch loss at every step, before that
step's update, as the lab reports it), <dir>/torch.final.W{l}.npy and
.b{l}.npy, and prints one JSON line with the test MSE and NMSE after the
last step. Exit status 3 when torch cannot be imported.
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np  # noqa: E402

from twinlib import Export, forward, make_optimizer, require_torch  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    # float64 shows which side of a difference float32 rounding is on: both twins should sit near it.
    p.add_argument("--float64", action="store_true")
    a = p.parse_args()
    torch = require_torch()
    # One thread: the machine is shared, and a fixed summation order keeps reruns identical.
    torch.set_num_threads(1)
    dtype = torch.float64 if a.float64 else torch.float32

    ex = Export(a.dir)
    m = ex.manifest
    act = m["student"]["act"]
    steps = m["steps"]
    params = []
    for W, b in ex.layers("init"):
        params += [torch.tensor(W, dtype=dtype), torch.tensor(b, dtype=dtype)]
    for t in params:
        t.requires_grad_()
    opt = make_optimizer(torch, params, m["optimizer"])

    X = torch.tensor(ex.array("train.x"), dtype=dtype)
    Y = torch.tensor(ex.array("train.y"), dtype=dtype)
    losses = np.zeros(steps, dtype=np.float64)
    for t in range(steps):
        out = forward(torch, params, X[t], act)[:, 0]
        loss = ((out - Y[t]) ** 2).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        losses[t] = loss.item()

    with torch.no_grad():
        pred = forward(torch, params, torch.tensor(ex.array("test.x"), dtype=dtype), act)[:, 0]
    y = ex.array("test.y").astype(np.float64)
    # As the lab does it: float32 (or float64) predictions, the squared error summed in float64.
    mse = float(np.mean((pred.numpy().astype(np.float64) - y) ** 2))
    nmse = mse / m["test"]["labelVariance"]

    np.save(os.path.join(a.dir, "torch.trainLoss.npy"), losses)
    for l in range(len(params) // 2):
        np.save(os.path.join(a.dir, f"torch.final.W{l}.npy"), params[2 * l].detach().numpy())
        np.save(os.path.join(a.dir, f"torch.final.b{l}.npy"), params[2 * l + 1].detach().numpy())
    print(
        json.dumps(
            {
                "torch": torch.__version__,
                "dtype": "float64" if a.float64 else "float32",
                "steps": steps,
                "testMse": mse,
                "testNmse": nmse,
            }
        )
    )


if __name__ == "__main__":
    main()
