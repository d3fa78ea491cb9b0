"""The parity construction of docs/science.md 2.2, written from the page alone,
with numpy's own random streams and the reference's choices of 2.5: what the
k = 2 investigation compares the lab's constructions (src/core) against.

    build(seed, n=128, m=96, d=50, k=2, c=1.0, test=4096) -> dict

returns the standardised map (d+1 x n: row j < d is bit j's column, row d
the constant), the secret bits, the teacher W and a test set, in the same
terms as the lab's export (tools/twin/twin-export.ts).
"""

import numpy as np

CALIBRATION_SAMPLES = 20000
TAU_FACTOR = 1.2
STD_EPSILON = 1e-9


def build(seed, n=128, m=96, d=50, k=2, c=1.0, test=4096):
    rng = np.random.default_rng(seed)
    W = rng.normal(0.0, 1.0 / np.sqrt(n), (n, m))  # xavier normal, variance 1/n
    secret = np.sort(rng.choice(d, k, replace=False))
    patterns = 2 ** (k - 1)
    units = rng.choice(m, patterns, replace=False)
    V = np.zeros((d + 1, m))
    masks = [t for t in range(2**k) if bin(t).count("1") % 2 == 1]
    is_pattern = np.zeros(m, dtype=bool)
    for u, mask in zip(units, masks):
        is_pattern[u] = True
        for b in range(k):
            V[secret[b], u] = 1.0 if mask & (1 << b) else -1.0
        V[d, u] = 1 - bin(mask).count("1")
    for u in np.flatnonzero(~is_pattern):
        r = rng.uniform(-c, c, d)
        V[:d, u] = r
        V[d, u] = -1 - np.maximum(r, 0).sum()

    # Step 3: A0 = W (W^T W)^{-1} V^T; step 4: equalise column norms in the null space of W^T.
    A0 = W @ np.linalg.solve(W.T @ W, V.T)
    Q, _ = np.linalg.qr(W, mode="complete")
    P = Q[:, m:]
    G = P @ rng.standard_normal((n - m, d + 1))
    G /= np.linalg.norm(G, axis=0, keepdims=True)
    norms = np.linalg.norm(A0, axis=0)
    tau = TAU_FACTOR * norms.max()
    A = A0 + G * np.sqrt(np.maximum(tau**2 - norms**2, 0))

    def raw(count):
        z = rng.integers(0, 2, (count, d))
        return z, np.concatenate([z, np.ones((count, 1))], axis=1) @ A.T

    # Step 6: calibration, population statistics, std + 1e-9 (docs/science.md 2.5).
    _, xc = raw(CALIBRATION_SAMPLES)
    mean = xc.mean(axis=0)
    std = xc.std(axis=0) + STD_EPSILON
    smap = np.empty((d + 1, n))
    smap[:d] = A[:, :d].T / std
    smap[d] = (A[:, d] - mean) / std

    z, xt = raw(test)
    y = z[:, secret].sum(axis=1) % 2
    # The construction's promise: the teacher computes the parity exactly.
    teacher = np.maximum(xt @ W, 0).sum(axis=1)
    assert np.max(np.abs(teacher - y)) < 1e-8, "N_W(x) is not the parity"
    test_x = (xt - mean) / std
    return {
        "map": smap,
        "secret": secret,
        "W": W,
        "test_x": test_x.astype(np.float32),
        "test_y": y.astype(np.float32),
        "label_variance": float(np.var(y.astype(np.float32).astype(np.float64))),
    }
