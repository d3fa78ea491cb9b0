"""One task of the sweep: a few runs of one shape trained as one batched
computation in PyTorch (a leading run axis, torch.bmm), on the lab's own
constructions, test sets and evaluation steps (tools/sweep/spec.ts writes
them), with each run's student initialisation and batches drawn from its own
torch.Generator seeded from the run's seeds.

A run's numbers depend only on the run: its generator, its data, and a
step that is independent across runs (elementwise optimisers, the loss a sum
of per-run means). One thread per task keeps the summation order fixed, so
the same task gives the same bytes on any worker.
"""

import math
import os
import signal
import time

# Steps whose random draws are made in one call per run: fewer calls, the same stream every time.
CHUNK = 32
# A task tells the console how far it is about this often (seconds), through a Dask queue.
PROGRESS_SECONDS = 5.0
# A loss this many times the label variance is divergence (src/train/session.ts, DIVERGENCE_FACTOR).
DIVERGENCE_FACTOR = 1e8


def _heap_for_tensors():
    """Undo the Dask nanny's MALLOC_TRIM_THRESHOLD_ in this worker, on any cluster.

    The nanny sets it so that workers hand memory back, but an explicit threshold
    switches off glibc's adaptive mmap threshold: every tensor over 128 KiB is then
    mmapped, zero-filled by page faults and unmapped again, and a training step ran
    8x slower inside a Dask worker than in a plain process (measured: 384 against
    3,250 run-steps/s, half the time in the kernel). A 32 MiB mmap threshold and a
    256 MiB trim threshold keep the step's tensors on the heap.
    """
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if not name:
        return
    libc = ctypes.CDLL(name)
    if hasattr(libc, "mallopt"):
        M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
        libc.mallopt(M_MMAP_THRESHOLD, 32 << 20)
        libc.mallopt(M_TRIM_THRESHOLD, 256 << 20)


def _die_once_for_tests():
    """NWL_SWEEP_DIE_ONCE=<path>: the first task to see no file there creates it and kills its own worker."""
    marker = os.environ.get("NWL_SWEEP_DIE_ONCE")
    if not marker:
        return
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return
    os.close(fd)
    os.kill(os.getpid(), signal.SIGKILL)


class Source:
    """Draws one chunk of samples for every run: inputs (R x C x B x n) and labels (R x C x B)."""

    def __init__(self, torch, task, dev):
        self.torch, self.dev = torch, dev
        runs = task["runs"]
        first = runs[0]
        self.kind = first["inputs"]["source"]
        self.rule = first["labels"]["rule"]
        self.n = task["shape"]["n"]
        f32 = torch.float32
        stack = lambda key: torch.stack([torch.as_tensor(r["arrays"][key]) for r in runs]).to(dev, f32)  # noqa: E731
        if self.kind == "bits":
            self.d = first["inputs"]["d"]
            smap = stack("map")  # R x (d+1) x n
            self.M, self.c0 = smap[:, : self.d, :].contiguous(), smap[:, self.d :, :].contiguous()
        if self.rule == "parity":
            S = torch.zeros(len(runs), self.d, 1, dtype=f32)
            for i, r in enumerate(runs):
                S[i, r["labels"]["secret"], 0] = 1.0
            self.S = S.to(dev)
        elif self.rule in ("teacher-of-bits", "teacher-of-x"):
            V = stack("V")  # R x width x m
            self.clip = first["labels"]["clip"]
            if self.rule == "teacher-of-bits":
                self.Vz, self.V1 = V[:, : self.d, :].contiguous(), V[:, self.d :, :].contiguous()
            else:
                self.Vx = V

    def draw(self, gens, count):
        """count samples per run from each run's generator: x (R x count x n), y (R x count)."""
        torch, dev = self.torch, self.dev
        if self.kind == "bits":
            z = torch.stack([torch.randint(0, 2, (count, self.d), generator=g, device=dev, dtype=torch.uint8) for g in gens])
            z = z.to(torch.float32)
            x = torch.baddbmm(self.c0, z, self.M)
        elif self.kind == "gaussian":
            x = torch.stack([torch.randn(count, self.n, generator=g, device=dev) for g in gens])
        elif self.kind == "cube":
            x = torch.stack([torch.randint(0, 2, (count, self.n), generator=g, device=dev, dtype=torch.uint8) for g in gens])
            x = x.to(torch.float32) * 2 - 1
        else:
            raise ValueError(f"no input source {self.kind}")
        if self.rule == "parity":
            y = torch.remainder(torch.bmm(z, self.S)[:, :, 0], 2)
        elif self.rule == "coin":
            # Drawn after the bits, as the lab's random labels are.
            y = torch.stack([torch.randint(0, 2, (count,), generator=g, device=dev) for g in gens]).to(torch.float32)
        elif self.rule == "teacher-of-bits":
            y = torch.relu(torch.baddbmm(self.V1, z, self.Vz)).sum(-1)
        else:
            y = torch.relu(torch.bmm(x, self.Vx)).sum(-1)
        if self.rule.startswith("teacher") and self.clip:
            y = y.clamp(0, 1)
        return x, y


class Batches:
    """Every step's batch: fresh samples (online), or epochs of a fixed training set in a fresh shuffle each."""

    def __init__(self, torch, task, source, gens):
        self.torch, self.source, self.gens = torch, source, gens
        shape = task["shape"]
        self.train = shape["train"]
        self.bs = shape["bs"] if self.train == "online" else min(shape["bs"], self.train)
        self.queue = []
        if self.train != "online":
            self.X, self.Y = source.draw(gens, self.train)
            self.perm = [None] * len(gens)
            self.pos = [self.train] * len(gens)

    def _indices(self, r, count):
        torch, out = self.torch, []
        while count > 0:
            if self.pos[r] == self.train:
                self.perm[r] = torch.randperm(self.train, generator=self.gens[r], device=self.X.device)
                self.pos[r] = 0
            take = min(count, self.train - self.pos[r])
            out.append(self.perm[r][self.pos[r] : self.pos[r] + take])
            self.pos[r] += take
            count -= take
        return torch.cat(out)

    def next(self):
        if not self.queue:
            if self.train == "online":
                x, y = self.source.draw(self.gens, CHUNK * self.bs)
            else:
                idx = self.torch.stack([self._indices(r, CHUNK * self.bs) for r in range(len(self.gens))])
                x = self.torch.gather(self.X, 1, idx[:, :, None].expand(-1, -1, self.X.shape[2]))
                y = self.torch.gather(self.Y, 1, idx)
            R = x.shape[0]
            xs = x.view(R, CHUNK, self.bs, -1).unbind(1)
            ys = y.view(R, CHUNK, self.bs).unbind(1)
            self.queue = list(zip(xs, ys))[::-1]
        return self.queue.pop()


def init_params(torch, shape, gens, dev):
    """He-normal hidden layers (std sqrt(1/fan_in) for tanh), N(0, 1/fan_in) output, zero biases (src/train/student.ts)."""
    sizes, fan_in = [], shape["n"]
    for _ in range(shape["depth"]):
        sizes.append((fan_in, shape["h"]))
        fan_in = shape["h"]
    sizes.append((fan_in, 1))
    params = []
    for l, (fi, fo) in enumerate(sizes):
        out = l == len(sizes) - 1
        std = math.sqrt((2 if not out and shape["act"] == "relu" else 1) / fi)
        W = torch.stack([torch.randn(fi, fo, generator=g, device=dev) for g in gens]) * std
        params += [W.requires_grad_(), torch.zeros(len(gens), 1, fo, device=dev, requires_grad=True)]
    return params


def forward(torch, params, x, act):
    a = x
    for l in range(len(params) // 2 - 1):
        z = torch.baddbmm(params[2 * l + 1], a, params[2 * l])
        a = torch.relu(z) if act == "relu" else torch.tanh(z)
    return torch.baddbmm(params[-1], a, params[-2])[:, :, 0]


class _Reporter:
    """Puts (task key, run-steps so far) on the named Dask queue every PROGRESS_SECONDS; nothing without a name."""

    def __init__(self, queue_name, key, runs):
        self.queue, self.key, self.runs = None, key, runs
        self.next = time.perf_counter() + PROGRESS_SECONDS
        if queue_name:
            from distributed import Queue

            self.queue = Queue(queue_name)

    def step(self, t):
        if self.queue is None or time.perf_counter() < self.next:
            return
        self.next = time.perf_counter() + PROGRESS_SECONDS
        try:
            self.queue.put((self.key, t * self.runs))
        except Exception:  # progress is a courtesy: a lost message must never lose a run
            self.queue = None


def train_task(task, device_name, progress_queue=None):
    """Trains the task's runs to their budget: {records: one per run {index, curve, final}, cpuSeconds}.

    progress_queue: the name of a Dask queue on which the task reports its run-steps so far.
    """
    import numpy as np
    import torch

    cpu0 = time.process_time()

    _die_once_for_tests()
    _heap_for_tensors()
    torch.set_num_threads(1)
    dev = torch.device(device_name)
    shape, runs = task["shape"], task["runs"]
    R = len(runs)
    gens = [torch.Generator(device=dev).manual_seed(int(r["torchSeed"])) for r in runs]
    params = init_params(torch, shape, gens, dev)
    opt_spec = shape["optimizer"]
    if opt_spec["name"] == "adam":
        opt = torch.optim.Adam(params, lr=shape["lr"], betas=(opt_spec["beta1"], opt_spec["beta2"]), eps=opt_spec["epsilon"])
    else:
        opt = torch.optim.SGD(params, lr=shape["lr"], momentum=opt_spec["momentum"])
    source = Source(torch, task, dev)
    batches = Batches(torch, task, source, gens)

    test_x = torch.stack([torch.as_tensor(r["arrays"]["test.x"]) for r in runs]).to(dev, torch.float32)
    test_y = np.stack([np.asarray(r["arrays"]["test.y"], dtype=np.float64) for r in runs])
    variance = np.array([r["test"]["labelVariance"] for r in runs])
    scale = np.where(variance > 0, variance, 1.0)
    binary = [r["binaryLabels"] for r in runs]
    diverged_at = [None] * R
    records = [{"index": r["index"], "curve": [], "final": None} for r in runs]

    def evaluate(step, train_loss):
        with torch.no_grad():
            pred = forward(torch, params, test_x, shape["act"]).cpu().numpy().astype(np.float64)
        for i in range(R):
            if diverged_at[i] is not None:
                continue
            mse = float(np.mean((pred[i] - test_y[i]) ** 2))
            if not math.isfinite(mse) or mse > DIVERGENCE_FACTOR * scale[i]:
                diverged_at[i] = step
                continue
            nmse = mse / variance[i] if variance[i] > 0 else float("nan")
            acc = float(np.mean((pred[i] > 0.5) == (test_y[i] > 0.5))) if binary[i] else None
            records[i]["curve"].append({"step": step, "testNmse": nmse, "trainLoss": None if train_loss is None else train_loss[i]})
            records[i]["final"] = {"step": step, "testNmse": nmse, "accuracy": acc, "diverged": False}

    reporter = _Reporter(progress_queue, runs[0]["index"], R)
    eval_steps = sorted(set(shape["evalSteps"]))
    evaluate(0, None)
    losses, since = [], 0
    for t in range(1, shape["steps"] + 1):
        x, y = batches.next()
        per_run = ((forward(torch, params, x, shape["act"]) - y) ** 2).mean(dim=1)
        opt.zero_grad(set_to_none=True)
        per_run.sum().backward()
        opt.step()
        losses.append(per_run.detach())
        reporter.step(t)
        if t in eval_steps:
            L = torch.stack(losses).cpu().numpy().astype(np.float64)  # steps x R
            train_loss = [None] * R
            for i in range(R):
                if diverged_at[i] is not None:
                    continue
                bad = np.nonzero(~np.isfinite(L[:, i]) | (L[:, i] > DIVERGENCE_FACTOR * scale[i]))[0]
                if len(bad):
                    diverged_at[i] = since + int(bad[0]) + 1
                else:
                    train_loss[i] = float(L[:, i].sum() / len(L))
            evaluate(t, train_loss)
            losses, since = [], t
            if all(d is not None for d in diverged_at):
                break
    for i in range(R):
        if diverged_at[i] is not None:
            records[i]["final"] = {"step": diverged_at[i], "testNmse": None, "accuracy": None, "diverged": True}
    return {"records": records, "cpuSeconds": time.process_time() - cpu0}
