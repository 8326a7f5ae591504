"""Benchmark (prints, asserts nothing): scAMZI training speed and the clustering step's scale.
Prints epoch time and cells/s, the training loop's achieved GFLOP/s (linear-layer FLOPs, forward + backward
= 3x forward) next to a plain fp32 matmul's GFLOP/s measured in the same run, a full default fit's time,
and spectral clustering of 50k simulated embeddings with its time and peak RSS.
Run: SCATTN_DATA_DIR=../shared/data .venv/bin/python tests/bench_scamzi.py [--epochs 5] [--no-fit]"""
import argparse, os, resource, time, warnings
import numpy as np
import torch

from scattn.models.scamzi import SCAMZI, SCAMZIConfig, fit
from scattn.preprocess import preprocess
from benchutil import matmul_gflops


def linear_flops_per_cell(model):
    "Forward FLOPs of every nn.Linear for one cell (2 x in x out)."
    return sum(2 * m.in_features * m.out_features for m in model.modules() if isinstance(m, torch.nn.Linear))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--no-fit", action="store_true", help="skip the full default fit")
    a = ap.parse_args()
    warnings.filterwarnings("ignore")
    from scattn.data import load
    name = "pbmc_10x_4k" if os.environ.get("SCATTN_DATA_DIR") else "sim"
    adata = load(name)
    p = preprocess(adata, "dca", n_top_genes=None if adata.n_vars <= 2000 else 2000)
    X = torch.tensor(p.X); C = torch.tensor(p.layers["counts"].toarray()); S = torch.tensor(p.obs["size_factor"].values)
    LG = torch.lgamma(C + 1)
    cfg = SCAMZIConfig()
    model = SCAMZI(X.shape[1], cfg)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.pretrain_lr, amsgrad=True)
    print(f"{name}: {X.shape[0]} cells x {X.shape[1]} genes, {torch.get_num_threads()} threads")
    times = []
    for _ in range(a.epochs):
        t = time.perf_counter()
        for b in torch.randperm(len(X)).split(cfg.batch_size):
            l = model.loss(X[b], C[b], S[b], LG[b]); opt.zero_grad(); l.backward(); opt.step()
        times.append(time.perf_counter() - t)
    ep = float(np.median(times))
    flops = 3 * linear_flops_per_cell(model) * len(X)
    mm = matmul_gflops()
    print(f"epoch {ep:.2f} s (median of {a.epochs}), {len(X) / ep:.0f} cells/s")
    print(f"training loop {flops / ep / 1e9:.1f} GFLOP/s (linear layers only) vs fp32 matmul {mm:.1f} GFLOP/s "
          f"= {flops / ep / 1e9 / mm:.0%}")
    if not a.no_fit and name != "sim":
        k = int(adata.obs["cell_type"].nunique())
        r = fit(adata, SCAMZIConfig(n_clusters=k), seed=0, progress=False)
        print(f"full default fit incl. spectral clustering: {r.seconds:.0f} s "
              f"({r.extra['pretrain_epochs_run']} + {r.extra['finetune_epochs_run']} epochs)")
    from sklearn.datasets import make_blobs
    from scattn.cluster import spectral
    Z, _ = make_blobs(50_000, n_features=10, centers=10, cluster_std=2.0, random_state=0)
    t = time.perf_counter(); spectral(Z, 10, seed=0)
    print(f"spectral on 50,000 x 10: {time.perf_counter() - t:.1f} s, "
          f"peak RSS of this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
