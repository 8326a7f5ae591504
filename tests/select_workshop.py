"""Choosing the workshop preset of a clustering paper model without labels (issue 25): agreement with its full default.

A workshop preset is meant to find, in about a minute, the clustering the full default finds in ten or twenty. So the
criterion is exactly that and reads no cell label: the ARI between a candidate's clusters and the full default's
clusters on the same cells (labels only set K, as in every report). The data: pbmc_10x_4k at development seeds
100-102, which no report scores; the full default is fitted once, at seed 100, as the reference.

Candidates (each a schedule or step-size change of the same model, no architecture change), all on 2 threads:
  scCompressSA: the first preset (24 of 200 epochs); the same with lr 3e-3; 16 epochs at batch size 32 (more,
                smaller steps); 48 epochs.
  scSMD:        the first preset (2 pretraining epochs, no stage 1, 1 stage-2 epoch); the same with the head's
                learning rate 1e-2 (the full default gives the head 20 epochs at 1e-3, the preset one); 3
                pretraining epochs; 4 pretraining and 2 stage-2 epochs.
The longer candidates are there because the first presets were timed on a slower day (2026-12-05 morning: about 65 s
a fit against 30-35 s for scAMZI's and SRSA-VAE's presets in the afternoon at ~210 GFLOP/s); the time rule keeps them
honest.
Rule, declared before the sweep ran: among candidates whose mean fit takes <= 80 s here (the target is 90 s), the one
with the highest mean agreement over the three seeds; the first preset wins when within 0.01 of the best (the smaller
change). The chosen values then go to `Config.WORKSHOP` and `tests/bench_workshop.py` measures the gap against labels.

    python tests/select_workshop.py --model sccompresssa [--out reports/workshop_selection/sccompresssa.csv]
"""
import argparse, os, time, warnings
from dataclasses import replace
from pathlib import Path
import pandas as pd

CANDIDATES = {
    "sccompresssa": {"first preset": dict(epochs=24), "lr 3e-3": dict(epochs=24, lr=3e-3),
                     "batch 32, 16 epochs": dict(epochs=16, batch_size=32), "48 epochs": dict(epochs=48)},
    "scsmd": {"first preset": dict(pretrain_epochs=2, stage1_epochs=0, stage2_epochs=1),
              "head lr 1e-2": dict(pretrain_epochs=2, stage1_epochs=0, stage2_epochs=1, stage2_head_lr=1e-2),
              "3 pretraining epochs": dict(pretrain_epochs=3, stage1_epochs=0, stage2_epochs=1),
              "4 + 2 epochs": dict(pretrain_epochs=4, stage1_epochs=0, stage2_epochs=2)},
}
DATASET, SEEDS, REF_SEED, BUDGET_S = "pbmc_10x_4k", (100, 101, 102), 100, 80.0


def choose(df:pd.DataFrame) -> str:
    "The rule: admissible by mean seconds, then highest mean agreement; the first preset wins within 0.01."
    g = df.groupby("candidate").agg(agreement=("agreement", "mean"), seconds=("seconds", "mean"))
    ok = g[g.seconds <= BUDGET_S]
    best = ok.agreement.max()
    if "first preset" in ok.index and ok.agreement["first preset"] >= best - 0.01: return "first preset"
    return str(ok.agreement.idxmax())


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True, choices=sorted(CANDIDATES))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", default=None)
    a = ap.parse_args(argv)
    os.environ["NUMBA_NUM_THREADS"] = str(a.threads)
    import torch
    torch.set_num_threads(a.threads)
    warnings.filterwarnings("ignore")
    from scattn import models, report
    from scattn.metrics import ari
    out = Path(a.out or f"reports/workshop_selection/{a.model}.csv"); out.parent.mkdir(parents=True, exist_ok=True)
    m = models.get(a.model)

    def fit(overrides:dict, seed:int):
        adata = report.prepare(DATASET, seed=seed)
        K = int(adata.obs["cell_type"].nunique())                                  # labels set K, nothing else
        cfg = replace(m.config("default", **overrides), n_clusters=K)
        t0 = time.perf_counter()
        m.fit(adata, cfg, seed=seed, device="cpu", progress=False)
        return adata.obs[a.model].astype(str).values, time.perf_counter() - t0

    ref, ref_s = fit({}, REF_SEED)
    print(f"{a.model}: full default at seed {REF_SEED}: {ref_s:.0f} s", flush=True)
    rows = []
    for name, ov in CANDIDATES[a.model].items():
        for s in SEEDS:
            lab, sec = fit(ov, s)
            rows.append(dict(model=a.model, candidate=name, settings=str(ov), seed=s, seconds=round(sec, 1),
                             agreement=round(ari(ref, lab), 4), reference_seconds=round(ref_s, 1)))
            print(rows[-1], flush=True)
    df = pd.DataFrame(rows)
    df["chosen"] = df.candidate == choose(df)
    df.to_csv(out, index=False)
    print(df.groupby("candidate").agg(agreement=("agreement", "mean"), sd=("agreement", "std"), seconds=("seconds", "mean")))
    print("chosen:", choose(df), "->", out)


if __name__ == "__main__":
    main()
