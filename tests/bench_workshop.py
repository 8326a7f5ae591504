"""Benchmark (prints, asserts nothing): the workshop preset of each paper model against its full default.
For every paper model, seeds 0-2 on pbmc_10x_4k: `report.run_model(..., preset="workshop")` timed end to end (data
prepared beforehand; preprocessing, training and clustering or prediction included) and scored with the report
protocol (ARI with oracle K; macro-F1 on the test split for SCTrans). The full default's score is read from the
committed reports of the same seeds (reports/<model>/pbmc_10x_4k/seed<s>/metrics.json). The preset's values were
declared from timings alone (Config.WORKSHOP in each chapter) before this ran; nothing here chooses them.
Writes reports/workshop.csv (one row per model and seed; a rerun replaces its rows) and prints the summary. Each row also
carries the machine's fp32 matmul GFLOP/s at the same thread count, measured just before the fit: on a shared machine
the same fit can take twice as long on a slow day, and this column says which day it was.
Run: SCATTN_DATA_DIR=../shared/data .venv/bin/python tests/bench_workshop.py [--models scamzi ...] [--seeds 0 1 2]"""
import argparse, json, os, time, warnings
from pathlib import Path

PAPER = ["scamzi", "sccompresssa", "scsmd", "srsavae", "sctrans"]
DATASET = "pbmc_10x_4k"
OUT = Path(__file__).resolve().parents[1] / "reports" / "workshop.csv"


def committed(model:str, seed:int, metric:str):
    "The full default's score of one seed, from its committed report (None when that run is not committed)."
    p = OUT.parent / model / DATASET / f"seed{seed}" / "metrics.json"
    return json.loads(p.read_text())["metrics"][metric] if p.exists() else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", nargs="+", default=PAPER)
    ap.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2])
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    os.environ["NUMBA_NUM_THREADS"] = str(a.threads)
    import torch
    torch.set_num_threads(a.threads)
    warnings.filterwarnings("ignore")
    import pandas as pd
    from scattn import models, report
    from benchutil import upsert_csv, matmul_gflops
    rows = []
    for m in a.models:
        task = models.get(m).info.task
        metric = "ari" if task == "clustering" else "f1_macro"
        for s in a.seeds:
            adata = report.prepare(DATASET, seed=s)
            yardstick = round(matmul_gflops(), 1)
            t0 = time.perf_counter()
            scores, res = report.run_model(m, adata, seed=s, progress=False, preset="workshop")
            wall = time.perf_counter() - t0
            row = dict(model=m, dataset=DATASET, seed=s, threads=torch.get_num_threads(), preset="workshop",
                       seconds=round(wall, 1), fit_seconds=round(res.seconds, 1), metric=metric,
                       workshop=round(scores["scores"][metric], 4), full_default=committed(m, s, metric),
                       matmul_gflops=yardstick)
            rows.append(row)
            print(f"{m:13s} seed {s}: {wall:6.1f} s ({yardstick} GFLOP/s matmul)  {metric} {row['workshop']:.3f} (full default {row['full_default']})", flush=True)
    upsert_csv(OUT, rows, ["model", "seed"])
    df = pd.read_csv(OUT)
    g = df.groupby("model").agg(seeds=("seed", "count"), seconds_mean=("seconds", "mean"), seconds_max=("seconds", "max"),
                                metric=("metric", "first"), workshop=("workshop", "mean"), workshop_sd=("workshop", "std"),
                                full_default=("full_default", "mean"), full_sd=("full_default", "std"))
    g["gap"] = g.workshop - g.full_default
    g["within_90s"], g["within_0.05"] = g.seconds_max <= 90, g.gap >= -0.05
    print(f"\n{DATASET}, workshop preset vs full default (mean over seeds; {OUT.relative_to(OUT.parents[1])}):")
    print(g.round(3).to_string())


if __name__ == "__main__":
    main()
