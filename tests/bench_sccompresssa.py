"""Benchmark (prints, asserts nothing): scCompressSA's compression and training speed.
Prints the time to compress 10,000 cells x 1,600 genes (both interaction channels, and the O(n²) brute force
on a slice for scale), the CAE's epoch time, images/s and achieved GFLOP/s (FLOPs counted by torch's
FlopCounterMode, forward + backward) next to a plain fp32 matmul's GFLOP/s measured in the same run, and a
full default fit on pbmc_10x_4k with its epoch count.
Run: SCATTN_DATA_DIR=../shared/data .venv/bin/python tests/bench_sccompresssa.py [--epochs 3] [--no-fit]"""
import argparse, os, time, warnings
import numpy as np
import torch

from scattn.models.sccompresssa import CoefficientCompression, SCCompressSA, SCCompressSAConfig, fit, to_image
from benchutil import matmul_gflops, train_flops


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--no-fit", action="store_true", help="skip the full default fit")
    a = ap.parse_args()
    warnings.filterwarnings("ignore")
    print(f"{torch.get_num_threads()} threads")
    X = torch.rand(10_000, 1600) * 6
    for inter in ("mad", "autocorr"):
        cc = CoefficientCompression("sa", inter); cc(X[:100])
        t = time.perf_counter(); cc(X)
        print(f"compress 10,000 x 1,600 ({inter}): {time.perf_counter() - t:.2f} s")
    t = time.perf_counter(); (X[:200, :, None] - X[:200, None, :]).abs().sum(-1)
    print(f"brute-force O(n²) interaction on 200 cells: {time.perf_counter() - t:.2f} s (x50 for 10,000 cells)")

    cfg = SCCompressSAConfig(n_clusters=8)
    model = SCCompressSA(1600, 8, cfg)
    img = to_image(X[:3840]); opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    flops = train_flops(model, lambda b: model.loss(b)["loss"], img[:cfg.batch_size]) / cfg.batch_size
    times = []
    for _ in range(a.epochs):
        t = time.perf_counter()
        for b in torch.randperm(len(img)).split(cfg.batch_size):
            l = model.loss(img[b])["loss"]; opt.zero_grad(); l.backward(); opt.step()
        times.append(time.perf_counter() - t)
    ep = float(np.median(times)); mm = matmul_gflops()
    print(f"CAE epoch on 3,840 images (batch {cfg.batch_size}): {ep:.2f} s, {len(img) / ep:.0f} images/s")
    print(f"training loop {flops * len(img) / ep / 1e9:.1f} GFLOP/s ({flops / 1e6:.1f} MFLOP per image, fwd+bwd) "
          f"vs fp32 matmul {mm:.1f} GFLOP/s = {flops * len(img) / ep / 1e9 / mm:.0%}")
    if not a.no_fit and os.environ.get("SCATTN_DATA_DIR"):
        from scattn.data import load
        adata = load("pbmc_10x_4k"); k = int(adata.obs["cell_type"].nunique())
        r = fit(adata, SCCompressSAConfig(n_clusters=k), seed=0, progress=False)
        print(f"full default fit on pbmc_10x_4k incl. gene selection and k-means: {r.seconds:.0f} s ({r.extra['epochs_run']} epochs)")


if __name__ == "__main__":
    main()
