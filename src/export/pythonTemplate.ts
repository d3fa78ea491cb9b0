/**
 * The Python script "export as code" writes (export/pythonScript.ts fills in
 * the @@...@@ slots). Kept as plain text so that it reads as the file a user
 * gets: one run at a time, no batching, every step spelled out.
 */
export const PYTHON_TEMPLATE = `#!/usr/bin/env python3
"""An experiment of the Natural Weights Lab, reproduced in PyTorch.

The lab's permalink: ?@@QUERY@@

What is the lab's: every run's input construction (the standardised map from
hidden bits z to inputs x, or the teacher acting on Gaussian or cube inputs),
its secret bits and its teacher's labels, embedded below as base64 float32.
What is PyTorch's: the students' initialisation, the batches and the test set,
drawn from a torch.Generator seeded per run from the run's seeds. So this is
statistically equivalent to the lab's engine, not bit-identical.

The training is the lab's: a ReLU (or tanh) network with 'depth' hidden layers
of width h and a linear output, He-normal initialisation (sqrt(1/fan_in) for
tanh and the output), zero biases, the mean squared error over a batch,
Adam or SGD with momentum, and the normalised test loss
NMSE = MSE / Var(y_test) at the lab's evaluation steps.

    python3 this_script.py [--steps N] [--device cpu|cuda] [--json out.json]

Needs numpy and torch (Debian: apt-get install python3-torch).
"""

import argparse
import base64
import json
import math

import numpy as np
import torch

OPTIMIZERS = json.loads(r"""@@OPTIMIZERS@@""")
RUNS = json.loads(r"""@@RUNS@@""")


def floats(text, shape):
    """A base64 little-endian float32 array, as a tensor of this shape."""
    return torch.from_numpy(np.frombuffer(base64.b64decode(text), dtype="<f4").copy()).reshape(shape)


class Inputs:
    """Draws (x, y) for one run: x as the student sees it, y the teacher's label."""

    def __init__(self, run, device):
        self.run, self.device = run, device
        n, d = run["n"], run["d"]
        if run["source"] == "bits":
            M = floats(run["map"], (d + 1, n)).to(device)
            self.M, self.c = M[:d], M[d]  # x = z M + c
        if run["labels"] in ("teacher-of-bits", "teacher-of-x"):
            rows = d + 1 if run["labels"] == "teacher-of-bits" else n
            self.V = floats(run["V"], (rows, run["m"])).to(device)

    def draw(self, gen, count):
        run, dev = self.run, self.device
        if run["source"] == "bits":
            z = torch.randint(0, 2, (count, run["d"]), generator=gen, device=dev).float()
            x = z @ self.M + self.c
        elif run["source"] == "gaussian":
            x = torch.randn(count, run["n"], generator=gen, device=dev)
        else:  # cube: uniform on {-1, +1}^n
            x = torch.randint(0, 2, (count, run["n"]), generator=gen, device=dev).float() * 2 - 1
        if run["labels"] == "parity":
            y = z[:, run["secret"]].sum(dim=1) % 2
        elif run["labels"] == "coin":
            y = torch.randint(0, 2, (count,), generator=gen, device=dev).float()
        elif run["labels"] == "teacher-of-bits":
            y = torch.relu(z @ self.V[:-1] + self.V[-1]).sum(dim=1)
        else:
            y = torch.relu(x @ self.V).sum(dim=1)
        if run["labels"].startswith("teacher") and run["clip"]:
            y = y.clamp(0, 1)
        return x, y


def student(run, gen, device):
    c = run["config"]
    sizes, fan_in = [], run["n"]
    for _ in range(c["depth"]):
        sizes.append((fan_in, c["h"]))
        fan_in = c["h"]
    sizes.append((fan_in, 1))
    params = []
    for l, (fi, fo) in enumerate(sizes):
        output = l == len(sizes) - 1
        std = math.sqrt((2 if not output and c["act"] == "relu" else 1) / fi)
        W = (torch.randn(fi, fo, generator=gen, device=device) * std).requires_grad_()
        params += [W, torch.zeros(fo, device=device, requires_grad=True)]
    return params


def forward(params, x, act):
    a = x
    for l in range(len(params) // 2 - 1):
        a = a @ params[2 * l] + params[2 * l + 1]
        a = torch.relu(a) if act == "relu" else torch.tanh(a)
    return (a @ params[-2] + params[-1])[:, 0]


def train(run, steps, device):
    c = run["config"]
    gen = torch.Generator(device=device).manual_seed(int(run["seed"]))
    params = student(run, gen, device)
    if c["opt"] == "adam":
        o = OPTIMIZERS["adam"]
        opt = torch.optim.Adam(params, lr=c["lr"], betas=tuple(o["betas"]), eps=o["eps"])
    else:
        opt = torch.optim.SGD(params, lr=c["lr"], momentum=OPTIMIZERS["sgd"]["momentum"])
    inputs = Inputs(run, device)
    test_x, test_y = inputs.draw(gen, run["test"])
    variance = float(test_y.double().var(unbiased=False))
    if c["train"] != "online":  # a fixed training set, visited in epochs of fresh shuffles
        train_x, train_y = inputs.draw(gen, c["train"])
        order = torch.empty(0, dtype=torch.long, device=device)
    bs = c["bs"] if c["train"] == "online" else min(c["bs"], c["train"])
    evals = sorted({s for s in run["evalSteps"] if s <= steps} | {steps})
    curve, losses = [], []

    def evaluate(step):
        with torch.no_grad():
            pred = forward(params, test_x, c["act"]).double()
        mse = float(((pred - test_y.double()) ** 2).mean())
        point = {"step": step, "testNmse": mse / variance if variance > 0 else float("nan")}
        point["trainLoss"] = sum(losses) / len(losses) if losses else None
        if run["binary"]:
            point["accuracy"] = float(((pred > 0.5) == (test_y > 0.5)).double().mean())
        curve.append(point)
        losses.clear()

    evaluate(0)
    for step in range(1, steps + 1):
        if c["train"] == "online":
            x, y = inputs.draw(gen, bs)
        else:
            while len(order) < bs:
                order = torch.cat([order, torch.randperm(c["train"], generator=gen, device=device)])
            idx, order = order[:bs], order[bs:]
            x, y = train_x[idx], train_y[idx]
        loss = ((forward(params, x, c["act"]) - y) ** 2).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        losses.append(float(loss))
        if not math.isfinite(losses[-1]):
            print(f"{run['label']}: diverged at step {step}")
            break
        if step in evals:
            evaluate(step)
    return curve


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\\n")[0])
    p.add_argument("--steps", type=int, default=None, help="train each run this many steps instead of its budget")
    p.add_argument("--device", default="cpu", help="cpu or cuda")
    p.add_argument("--json", default=None, help="write every run's curve to this file")
    a = p.parse_args()
    results = []
    for run in RUNS:
        steps = a.steps if a.steps is not None else run["steps"]
        curve = train(run, steps, torch.device(a.device))
        last = curve[-1]
        print(f"{run['label']}: NMSE {last['testNmse']:.4f} at step {last['step']}")
        results.append({"label": run["label"], "curve": curve})
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"permalink": "@@QUERY@@", "engine": "pytorch", "runs": results}, f)


if __name__ == "__main__":
    main()
`;
