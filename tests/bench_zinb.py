"""Benchmark (prints, asserts nothing about time): the ZINB loss + backward on a 256 x 2000 count batch,
scattn's masked form against the same formula evaluated on every element (both cases, then torch.where).
Run: SCATTN_DATA_DIR=../shared/data .venv/bin/python tests/bench_zinb.py  (simulated counts without it)."""
import os, time
import torch
from scattn.distributions import zinb_nll, nb_nll, EPS


def dense_zinb(x, mu, theta, pi, lgx1):
    "Both cases on every element, then torch.where: the textbook way."
    nb_case = nb_nll(x, mu, theta, validate=False, lgamma_x1=lgx1) - torch.log(1.0 - pi + EPS)
    zero_case = -torch.log(pi + (1.0 - pi) * torch.pow(theta / (theta + mu + EPS), theta) + EPS)
    return torch.where(x <= 1e-8, zero_case, nb_case)


def counts(B=256, G=2000):
    if os.environ.get("SCATTN_DATA_DIR"):
        from scattn.data import load
        return torch.tensor(load("pbmc_10x_4k").X[:B].toarray()), "pbmc_10x_4k"
    from scattn.data import simulate
    return torch.tensor(simulate(n_cells=B, n_genes=G).X.toarray()), "sim"


def bench(fn, x, lg, reps=20):
    g = torch.Generator().manual_seed(0)
    a, b, c = (torch.randn(*x.shape, generator=g, requires_grad=True) for _ in range(3))
    def once():
        l = fn(x, torch.exp(a).clamp(1e-5, 1e6), torch.exp(b).clamp(1e-4, 1e4), torch.sigmoid(c), lg).mean()
        l.backward()
        return l.item()
    once()
    t = time.perf_counter()
    for _ in range(reps): v = once()
    return (time.perf_counter() - t) / reps, v


if __name__ == "__main__":
    x, name = counts()
    lg = torch.lgamma(x + 1)
    print(f"batch {tuple(x.shape)} of {name}, {float((x > 0).float().mean()):.1%} non-zero, {torch.get_num_threads()} threads")
    td, vd = bench(dense_zinb, x, lg)
    tm, vm = bench(lambda *a: zinb_nll(*a[:4], validate=False, lgamma_x1=a[4]), x, lg)
    print(f"dense  (both cases everywhere): {td * 1e3:7.1f} ms per forward+backward, loss {vd:.5f}")
    print(f"scattn (masked NB case):        {tm * 1e3:7.1f} ms per forward+backward, loss {vm:.5f}")
    print(f"speed-up: {td / tm:.2f}x")
