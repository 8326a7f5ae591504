"""Benchmark (prints, asserts nothing): SRSA-VAE training speed on cbmc_citeseq (RNA + protein).
Prints epoch time and cells/s, the training loop's achieved GFLOP/s (FLOPs counted by torch's FlopCounterMode,
forward + backward) next to a plain fp32 matmul's GFLOP/s measured in the same run, the attention's share of an
epoch (same epoch with attention off), and a full default fit with its time.
Run: SCATTN_DATA_DIR=../shared/data .venv/bin/python tests/bench_srsavae.py [--epochs 3] [--no-fit]"""
import argparse, os, time, warnings
from dataclasses import replace
import numpy as np
import torch

from scattn.models.srsavae import SRSAVAE, SRSAVAEConfig, _prepare, fit
from benchutil import matmul_gflops, train_flops


def epoch_time(model, X, Yin, Y, LG, bs, epochs):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=0.01)
    times = []
    for _ in range(epochs):
        t = time.perf_counter()
        for b in torch.randperm(len(X)).split(bs)[:-1]:
            l = model.loss(X[b], Yin[b], Y[b], LG[b])["loss"]; opt.zero_grad(); l.backward(); opt.step()
        times.append(time.perf_counter() - t)
    return float(np.median(times))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--no-fit", action="store_true", help="skip the full default fit")
    a = ap.parse_args()
    warnings.filterwarnings("ignore")
    from scattn.data import load
    name = "cbmc_citeseq" if os.environ.get("SCATTN_DATA_DIR") else "sim_citeseq"
    adata = load(name)
    cfg = SRSAVAEConfig()
    C, Yin, Y, lik, kind, _ = _prepare(adata, cfg)
    X, Yin, Y = torch.tensor(C), torch.tensor(Yin), torch.tensor(Y)
    LG = torch.lgamma(X + 1)
    print(f"{name}: {X.shape[0]} cells x {X.shape[1]} genes + {Y.shape[1]} proteins ({kind}, {lik}), "
          f"{torch.get_num_threads()} threads")
    model = SRSAVAE(X.shape[1], cfg, Y.shape[1], lik)
    b = torch.arange(cfg.batch_size)
    flops = train_flops(model, lambda i: model.loss(X[i], Yin[i], Y[i], LG[i])["loss"], b) / cfg.batch_size
    ep = epoch_time(model, X, Yin, Y, LG, cfg.batch_size, a.epochs)
    mm = matmul_gflops()
    print(f"epoch {ep:.2f} s (median of {a.epochs}), {len(X) / ep:.0f} cells/s")
    print(f"training loop {flops * len(X) / ep / 1e9:.1f} GFLOP/s ({flops / 1e6:.1f} MFLOP per cell, fwd+bwd) "
          f"vs fp32 matmul {mm:.1f} GFLOP/s = {flops * len(X) / ep / 1e9 / mm:.0%}")
    ep0 = epoch_time(SRSAVAE(X.shape[1], replace(cfg, use_attention=False), Y.shape[1], lik), X, Yin, Y, LG,
                     cfg.batch_size, a.epochs)
    print(f"same epoch without attention {ep0:.2f} s: attention and residual cost {(ep - ep0) / ep:.0%} of an epoch")
    if not a.no_fit and name != "sim_citeseq":
        k = int(adata.obs["cell_type"].nunique())
        r = fit(adata, SRSAVAEConfig(n_clusters=k), seed=0, progress=False)
        print(f"full default fit incl. {cfg.n_passes} inference passes and k-means: {r.seconds:.0f} s "
              f"({r.extra['epochs_run']} epochs)")


if __name__ == "__main__":
    main()
