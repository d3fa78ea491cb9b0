"""How far tfjs' Adam step (the engine's) is from torch.optim.Adam's, from the
bias corrections alone: tfjs keeps beta^t as float32 products, PyTorch computes
1 - beta^t in double. Prints the relative difference of the step-size factor
sqrt(1 - beta2^t) / (1 - beta1^t) at a few steps and its maximum.

    python3 tools/twin/python/adam_bias.py [--steps 100000]
"""

import argparse
import json

import numpy as np


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--steps", type=int, default=100000)
    a = p.parse_args()
    b1, b2 = np.float32(0.9), np.float32(0.999)
    acc1, acc2 = b1, b2
    worst, at = 0.0, 0
    shown = {}
    for t in range(1, a.steps + 1):
        lab = np.sqrt(np.float64(np.float32(1) - acc2)) / np.float64(np.float32(1) - acc1)
        ref = np.sqrt(1 - 0.999**t) / (1 - 0.9**t)
        r = abs(lab / ref - 1)
        if r > worst:
            worst, at = r, t
        if t in (1, 10, 100, 300, 1000, 3000, 10000, 100000):
            shown[t] = float(r)
        acc1, acc2 = np.float32(acc1 * b1), np.float32(acc2 * b2)
    print(json.dumps({"max": float(worst), "atStep": at, "byStep": shown}))


if __name__ == "__main__":
    main()
