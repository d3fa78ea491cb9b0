"""Shared by the twin's PyTorch scripts: reading the lab's export (format
"nwl-twin" version 1, described in tools/twin/twin-export.ts) and the student
network, written the way the reference writes it (docs/science.md 2.5).

Importing this module imports torch; callers catch the ImportError and exit
with status 3 (see require_torch).
"""

import json
import math
import os
import sys

import numpy as np

TWIN_FORMAT = "nwl-twin"
TWIN_FORMAT_VERSION = 1

# The reference's checkpoints (docs/science.md 2.5).
REFERENCE_CHECKPOINTS = [0, 250, 500, 1000, 2000, 3000, 5000, 7500, 10000, 15000, 20000, 30000, 40000, 60000, 80000, 100000]


def require_torch():
    """torch, or exit 3 with a sentence saying which interpreter lacks it."""
    try:
        import torch  # noqa: F401
    except ImportError as e:
        sys.stderr.write(
            f"PyTorch cannot be imported by {sys.executable} ({e}). The twin needs it: set PYTHON to an "
            "interpreter that has torch (Debian's python3-torch is in /usr/bin/python3).\n"
        )
        sys.exit(3)
    return torch


class Export:
    """One run exported by the lab: the manifest and its arrays, loaded lazily."""

    def __init__(self, directory):
        self.dir = directory
        with open(os.path.join(directory, "manifest.json")) as f:
            self.manifest = json.load(f)
        m = self.manifest
        if m.get("format") != TWIN_FORMAT:
            raise ValueError(f"{directory}: not a twin export (format {m.get('format')!r})")
        if m.get("version") != TWIN_FORMAT_VERSION:
            raise ValueError(f"{directory}: twin export version {m.get('version')}, this reader knows {TWIN_FORMAT_VERSION}")
        self._cache = {}

    def has(self, name):
        return name in self.manifest["arrays"]

    def array(self, name):
        if name not in self._cache:
            entry = self.manifest["arrays"].get(name)
            if entry is None:
                raise KeyError(f"{self.dir}: the export has no array {name}")
            a = np.load(os.path.join(self.dir, entry["file"]))
            if list(a.shape) != entry["shape"]:
                raise ValueError(f"{self.dir}/{entry['file']}: shape {a.shape}, the manifest says {entry['shape']}")
            self._cache[name] = a
        return self._cache[name]

    @property
    def depth(self):
        return self.manifest["student"]["depth"]

    def layers(self, prefix):
        """[(W, b), ...] as numpy arrays, hidden layers first, output last."""
        return [(self.array(f"{prefix}.W{l}"), self.array(f"{prefix}.b{l}")) for l in range(self.depth + 1)]

    def bits(self, steps=None):
        """The training batches' hidden bits, steps x B x d (uint8 0/1)."""
        packed = self.array("train.zbits")
        if steps is not None:
            packed = packed[:steps]
        return np.unpackbits(packed, axis=-1, count=self.manifest["inputs"]["d"])


def make_optimizer(torch, params, spec):
    if spec["name"] == "adam":
        return torch.optim.Adam(params, lr=spec["lr"], betas=(spec["beta1"], spec["beta2"]), eps=spec["epsilon"])
    if spec["name"] == "sgd":
        return torch.optim.SGD(params, lr=spec["lr"], momentum=spec["momentum"])
    raise ValueError(f"unknown optimiser {spec['name']}")


def forward(torch, params, x, act):
    """The student: hidden layers x W + b with the activation, a linear output; params [W0, b0, W1, b1, ...]."""
    a = x
    count = len(params) // 2
    for l in range(count - 1):
        z = a @ params[2 * l] + params[2 * l + 1]
        a = torch.relu(z) if act == "relu" else torch.tanh(z)
    return a @ params[-2] + params[-1]


def he_init(torch, sizes, act, generator, dtype):
    """The reference's initialisation (docs/science.md 2.5): He-normal hidden layers, N(0, 1/fan_in) output, zero biases."""
    params = []
    for l, (fan_in, fan_out) in enumerate(sizes):
        output = l == len(sizes) - 1
        std = math.sqrt((1 if output or act != "relu" else 2) / fan_in)
        W = torch.randn(fan_in, fan_out, generator=generator, dtype=dtype) * std
        params += [W, torch.zeros(fan_out, dtype=dtype)]
    return params


def layer_sizes(n, h, depth):
    sizes, fan_in = [], n
    for _ in range(depth):
        sizes.append((fan_in, h))
        fan_in = h
    sizes.append((fan_in, 1))
    return sizes
