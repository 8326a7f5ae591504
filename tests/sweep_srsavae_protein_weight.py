"""Sensitivity (prints, asserts nothing): SRSA-VAE's ARI against the weight λ_y of the protein term in the ELBO.
A diagnostic of why the proteins do not lift SRSA-VAE above its RNA-only variant, not a way to set the default:
the default stays λ_y = 1 (the spec's assumption), because choosing it by ARI would tune on the labels.
Writes reports/srsavae_protein_weight.csv (one row per dataset, weight, seed; rows of a rerun replace the old ones).
Run: SCATTN_DATA_DIR=../shared/data .venv/bin/python tests/sweep_srsavae_protein_weight.py \
         --dataset cbmc_citeseq --cells human --weights 1 10 --seed 0
"""
import argparse, time, warnings

from scattn import report
from scattn.metrics import evaluate
from scattn.models.srsavae import SRSAVAEConfig, fit
from benchutil import upsert_csv


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", default="pbmc_citeseq_49adt"); ap.add_argument("--cells", default="all")
    ap.add_argument("--weights", type=float, nargs="+", default=[1.0, 10.0]); ap.add_argument("--seed", type=int, nargs="+", default=[0])
    ap.add_argument("--out", default="reports/srsavae_protein_weight.csv")
    a = ap.parse_args()
    warnings.filterwarnings("ignore")
    rows = []
    for seed in a.seed:
        for w in a.weights:
            ad_ = report.prepare(a.dataset, seed=seed, cells=a.cells)
            K = int(ad_.obs["cell_type"].nunique())
            t0 = time.time()
            fit(ad_, SRSAVAEConfig(n_clusters=K, protein_weight=w), seed=seed, progress=False)
            s = evaluate(ad_.obs["cell_type"], ad_.obs["srsavae"], "clustering")
            rows.append(dict(dataset=report.dataset_label(a.dataset, a.cells), protein_weight=w, seed=seed,
                             ari=s["ari"], nmi=s["nmi"], seconds=time.time() - t0))
            print(f"{rows[-1]['dataset']} λ_y={w:g} seed {seed}: ARI {s['ari']:.3f} NMI {s['nmi']:.3f} ({rows[-1]['seconds']:.0f} s)", flush=True)
            upsert_csv(a.out, rows, ["dataset", "protein_weight", "seed"])


if __name__ == "__main__":
    main()
