"""The exact twin: trains, in PyTorch, the network the lab exported (its
initial weights, its optimiser, the exact inputs of its batches) and writes
what it measured beside the export, for `npm run -s twin` to compare.

    python3 tools/twin/python/twin.py <export dir> [--float64]

Two optimiser formulas for Adam. "lab" is the engine's (tfjs 4.22's
AdamOptimizer, which src/train's fused Adam reproduces bit for bit): the bias
corrections 1 - beta^t use beta^t kept as a float32 product, updated once a
step. "torch" is torch.optim.Adam, which computes 1 - beta^t in double. The
two differ by up to about 1e-5 relative in the step size; the first makes an
exact twin, the second says how far the lab's Adam is from PyTorch's. SGD
with momentum has one formula (tfjs' and PyTorch's are the same).

Writes, per formula F (lab; torch for Adam): <dir>/torch.F.trainLoss.npy (the
batch loss at every step, before that step's update, as the lab reports it),
<dir>/torch.F.final.W{l}.npy and .b{l}.npy, and prints one JSON line with the
test MSE and NMSE after the last step of each. Exit status 3 when torch
cannot be imported.
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np  # noqa: E402

from twinlib import Export, forward, make_optimizer, require_torch  # noqa: E402


class TfjsAdam:
    """tfjs 4.22's AdamOptimizer.applyGradients, op for op, in the tensors' dtype."""

    def __init__(self, torch, params, spec, dtype):
        self.torch, self.params = torch, params
        t = lambda v: torch.tensor(v, dtype=dtype)  # noqa: E731
        self.b1, self.b2, self.eps, self.lr = t(spec["beta1"]), t(spec["beta2"]), t(spec["epsilon"]), t(spec["lr"])
        self.one_b1, self.one_b2 = t(1 - spec["beta1"]), t(1 - spec["beta2"])
        self.acc1, self.acc2 = t(spec["beta1"]), t(spec["beta2"])
        self.m = [torch.zeros_like(q) for q in params]
        self.v = [torch.zeros_like(q) for q in params]

    def zero_grad(self, set_to_none=True):
        for q in self.params:
            q.grad = None

    def step(self):
        with self.torch.no_grad():
            c1, c2 = 1 - self.acc1, 1 - self.acc2
            for q, m, v in zip(self.params, self.m, self.v):
                g = q.grad
                m.copy_(m * self.b1 + g * self.one_b1)
                v.copy_(v * self.b2 + (g * g) * self.one_b2)
                q.copy_((m / c1) / (self.torch.sqrt(v / c2) + self.eps) * -self.lr + q)
            self.acc1 = self.acc1 * self.b1
            self.acc2 = self.acc2 * self.b2


def train(torch, ex, dtype, formula):
    m = ex.manifest
    act = m["student"]["act"]
    steps = m["steps"]
    params = []
    for W, b in ex.layers("init"):
        params += [torch.tensor(W, dtype=dtype), torch.tensor(b, dtype=dtype)]
    for t in params:
        t.requires_grad_()
    spec = m["optimizer"]
    lab_adam = formula == "lab" and spec["name"] == "adam"
    opt = TfjsAdam(torch, params, spec, dtype) if lab_adam else make_optimizer(torch, params, spec)

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
    prefix = os.path.join(ex.dir, f"torch.{formula}.")
    np.save(prefix + "trainLoss.npy", losses)
    for l in range(len(params) // 2):
        np.save(prefix + f"final.W{l}.npy", params[2 * l].detach().numpy())
        np.save(prefix + f"final.b{l}.npy", params[2 * l + 1].detach().numpy())
    return {"testMse": mse, "testNmse": nmse}


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
    formulas = ["lab", "torch"] if ex.manifest["optimizer"]["name"] == "adam" else ["lab"]
    out = {"version": torch.__version__, "dtype": "float64" if a.float64 else "float32", "steps": ex.manifest["steps"]}
    out["formulas"] = {f: train(torch, ex, dtype, f) for f in formulas}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
