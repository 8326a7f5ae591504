"""Benchmark (prints, asserts nothing): SCTrans training throughput at 2000 genes.
Prints training cells/s and achieved GFLOP/s (FLOPs counted by torch's FlopCounterMode, forward + backward)
next to a plain fp32 matmul's GFLOP/s measured in the same run, for the CPU default sizes and the spec's
(GPU) sizes, and optionally a full default fit on baron_human_subsample (one seed) with its time.
Run: SCATTN_DATA_DIR=../shared/data .venv/bin/python tests/bench_sctrans.py [--steps 10] [--fit]"""
import argparse, os, time, warnings
import torch

from scattn.models.sctrans import SCTrans, SCTransConfig, fit
from benchutil import matmul_gflops, train_flops


def throughput(cfg, steps, G=2000, C=14):
    model = SCTrans(G, C, cfg)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr)
    x, y = torch.rand(cfg.batch_size, G) * 3, torch.randint(0, C, (cfg.batch_size,))
    flops = train_flops(model, lambda b: model.loss(*b)["loss"], (x, y)) / cfg.batch_size
    for _ in range(2): l = model.loss(x, y)["loss"]; opt.zero_grad(); l.backward(); opt.step()
    t = time.perf_counter()
    for _ in range(steps): l = model.loss(x, y)["loss"]; opt.zero_grad(); l.backward(); opt.step()
    dt = (time.perf_counter() - t) / steps
    return cfg.batch_size / dt, flops


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--fit", action="store_true", help="also time a full default fit on baron_human_subsample")
    a = ap.parse_args()
    warnings.filterwarnings("ignore")
    mm = matmul_gflops()
    print(f"{torch.get_num_threads()} threads, fp32 matmul {mm:.1f} GFLOP/s")
    for name, cfg in [("CPU default", SCTransConfig()), ("spec sizes (SCTransConfig.gpu())", SCTransConfig.gpu())]:
        cps, flops = throughput(cfg, a.steps)
        print(f"{name}: scales {cfg.scales}, width {cfg.dim}: {cps:.0f} training cells/s, "
              f"{flops / 1e6:.0f} MFLOP per cell (fwd+bwd), {cps * flops / 1e9:.1f} GFLOP/s = {cps * flops / 1e9 / mm:.0%} of matmul")
    if a.fit and os.environ.get("SCATTN_DATA_DIR"):
        from scattn.data import load
        from scattn.preprocess import split
        from scattn.metrics import evaluate
        ad = load("baron_human_subsample"); ad.obs["split"] = split(ad, seed=0)
        r = fit(ad, SCTransConfig(), seed=0, progress=False)
        te = (ad.obs["split"] == "test").values
        s = evaluate(ad.obs["cell_type"][te], ad.obs["sctrans_pred"][te], "annotation")
        print(f"full default fit on baron_human_subsample (seed 0): {r.seconds:.0f} s, {r.extra['epochs_run']} epochs, "
              f"test accuracy {s['accuracy']:.3f}, macro-F1 {s['f1_macro']:.3f}")


if __name__ == "__main__":
    main()
