"""The PyTorch anchor of `npm run bench` (BENCHMARKS.md, vsPyTorchCpu).

The same student and step as the lab's default experiment, written the way a
PyTorch user would: R runs as one batched computation (torch.bmm over a
leading run axis), He init, Adam at lr 1e-3 on fresh batches of B random
normal inputs, MSE against a fixed target function. Prints one JSON object.

The BLAS that torch.bmm reaches is chosen by the caller through
LD_LIBRARY_PATH and OPENBLAS_NUM_THREADS; --threads sets torch's own pool.
"""

import argparse
import json
import math
import time

import torch


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--n", type=int, default=128)
    p.add_argument("--h", type=int, default=128)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--warmup", type=int, default=200)
    p.add_argument("--steps", type=int, default=2000)
    # With --seconds, keep stepping past --steps until that much time has passed (a fixed stretch at any R).
    p.add_argument("--seconds", type=float, default=0.0)
    # 0 keeps torch's default pool (one thread per core).
    p.add_argument("--threads", type=int, default=0)
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    R, n, h, B = a.runs, a.n, a.h, a.batch

    # He-normal hidden layer, fan-in scaled linear output, zero biases: the lab's initialisation.
    W1 = (torch.randn(R, n, h) * math.sqrt(2 / n)).requires_grad_()
    b1 = torch.zeros(R, 1, h, requires_grad=True)
    W2 = (torch.randn(R, h, 1) * math.sqrt(1 / h)).requires_grad_()
    b2 = torch.zeros(R, 1, 1, requires_grad=True)
    params = [W1, b1, W2, b2]
    opt = torch.optim.Adam(params, lr=1e-3)
    # A fixed target: a random linear teacher with a relu, so the labels depend on x.
    teacher = torch.randn(R, n, 1) / math.sqrt(n)

    def step() -> torch.Tensor:
        x = torch.randn(R, B, n)
        y = torch.relu(torch.bmm(x, teacher))
        out = torch.bmm(torch.relu(torch.bmm(x, W1) + b1), W2) + b2
        # Each run's mean, summed: the runs' gradients stay independent, as in the lab's batched step.
        loss = ((out - y) ** 2).mean(dim=(1, 2)).sum()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss

    for _ in range(a.warmup):
        step()
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    steps = 0
    while steps < a.steps or time.perf_counter() - t0 < a.seconds:
        loss = step()
        steps += 1
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - cpu0
    # Which BLAS the dynamic loader actually picked: the figure means little without it.
    try:
        with open("/proc/self/maps") as maps:
            blas = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line})
    except OSError:
        blas = []
    print(
        json.dumps(
            {
                "runs": R,
                "steps": steps,
                "seconds": seconds,
                "cpuSeconds": cpu_seconds,
                "stepsPerSecond": steps / seconds,
                "runStepsPerSecond": steps * R / seconds,
                "finalLoss": float(loss.detach()) / R,
                "torch": torch.__version__,
                "threads": torch.get_num_threads(),
                "blas": blas,
            }
        )
    )


if __name__ == "__main__":
    main()
