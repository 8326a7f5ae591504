"""Choosing the improved scAMZI's input noise on simulated data only (issue 26; chapter 10, section 6): no shared
dataset and no label of one is read.

History. A first sweep (2026-12-04) used a Splatter-like simulation with many weak DE genes (7 % per group, de_loc 0.1)
and stopped after two fits at ARI 0.005 and 0.007: it could not tell candidates apart. tests/diagnose_scamzi_sim.py
(2026-12-05) found why on a marker-like simulation that PCA + k-means solves (ARI 0.99): scAMZI's latent after a short
pretraining holds almost nothing of the groups at the lineage's input noise (sd 2.5 on z-scores: a probe recovers them
at accuracy 0.26, six groups) and much more without it (0.87). So the noise level is the setting to choose.

Fixed before this sweep, by analysis of the faithful runs (chapter 10, section 6), in every candidate: the ZI layer's
temperature annealed to tau_min on the planned schedule (anneal="planned") and z-scores clipped at ±10 (max_value=10).
Candidates: noise_sd 2.5 (the lineage's), 1.0, 0.5, 0.0. The simulation: tests/diagnose_scamzi_sim.py's (1,500 cells,
2,000 genes, 6 groups, 2 % DE genes per group at log-fold location 1.0, no dropout) at seeds 100-102, every candidate
on the same shortened schedule (60 pretraining and 20 fine-tuning epochs, early stopping as the faithful model; the
temperature still reaches tau_min at the planned end): the full 200 + 100 took over 11 minutes a fit on a shared core,
and the first try at it was stopped before its first fit ended, with no result seen. Rule, declared before the sweep
ran: the candidate with the highest mean ARI over the three seeds; a candidate within 0.01 of it with more noise (the
smaller change) wins.

    OMP_NUM_THREADS=1 python tests/select_scamzi_plus.py [--out reports/scamzi_plus/selection.csv]
"""
import argparse, time, warnings
from pathlib import Path
import pandas as pd

from scattn.data import simulate
from scattn.metrics import ari
from scattn.models.scamzi import SCAMZIConfig, fit

SIM = dict(n_cells=1500, n_genes=2000, n_groups=6, de_prob=0.02, de_loc=1.0, dropout=False)
SEEDS = (100, 101, 102)
NOISE = (2.5, 1.0, 0.5, 0.0)
FIXED = dict(anneal="planned", max_value=10.0)
SCHEDULE = dict(pretrain_epochs=60, finetune_epochs=20)


def choose(df:pd.DataFrame) -> float:
    "The rule: highest mean ARI; within 0.01 of it, the most noise (the smaller change from the lineage)."
    means = df.groupby("noise_sd").ari.mean()
    return float(max(n for n in means.index if means[n] >= means.max() - 0.01))


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--out", default="reports/scamzi_plus/selection.csv")
    args = ap.parse_args(argv)
    rows = []
    for s in SEEDS:
        a = simulate(**SIM, seed=s)
        for noise in NOISE:
            cfg = SCAMZIConfig(n_clusters=6, noise_sd=noise, **FIXED, **SCHEDULE)
            t0 = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                r = fit(a, cfg, seed=s, device=args.device, progress=False)
            rows.append(dict(seed=s, noise_sd=noise, ari=ari(a.obs["cell_type"], a.obs["scamzi"]),
                             tau_final=r.extra["tau_final"], pretrain_epochs_run=r.extra["pretrain_epochs_run"],
                             seconds=round(time.perf_counter() - t0, 1)))
            print(rows[-1], flush=True)
    df = pd.DataFrame(rows)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(args.out, index=False)
    print(df.groupby("noise_sd").agg(ari_mean=("ari", "mean"), ari_sd=("ari", "std"), tau_final=("tau_final", "mean"),
                                     epochs=("pretrain_epochs_run", "mean"), seconds=("seconds", "mean")).round(3).to_string())
    print(f"chosen: noise_sd={choose(df)}")


if __name__ == "__main__":
    main()
