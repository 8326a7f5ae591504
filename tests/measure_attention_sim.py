"""Measurement (prints and writes a CSV, asserts nothing): does each paper model's attention rank the simulator's
true DE genes above the others? On `scattn.data.simulate` (1,000 cells, 2,000 genes, 5 groups; the simulator
knows which genes differ between groups: varm['de_factor'] != 1), each model is fitted with its default config
and K = 5, and the mean attention of every gene it sees is scored by AUROC against the DE genes, beside two
attention-free references on the same genes: the variance of log1p-CPM and scanpy's (seurat) normalised
dispersion. SRSA-VAE attends over cells, not genes: its row is the share of a cell's attention on cells of its
own simulated group against uniform attention over the batch. No real dataset and no label of one is used.
Run: .venv/bin/python tests/measure_attention_sim.py [--seeds 0 1 2] [--models scamzi ...] [--epochs-scale 1]
Writes reports/attention_sim.csv (rows of a rerun replace the earlier ones)."""
import argparse, importlib, time, warnings
from pathlib import Path
import numpy as np
import pandas as pd
import scanpy as sc
from sklearn.metrics import roc_auc_score

from scattn import biology, models, report
from scattn.data import simulate
from benchutil import upsert_csv

GENE_MODELS = ["scamzi", "sccompresssa", "scsmd", "sctrans"]
CELL_MODELS = ["srsavae"]
OUT = Path(__file__).resolve().parents[1] / "reports" / "attention_sim.csv"


def references(adata):
    "Per gene: variance of log1p-CPM and the seurat-flavour normalised dispersion (both label-free)."
    a = adata.copy(); sc.pp.normalize_total(a, target_sum=1e4); sc.pp.log1p(a)
    X = a.X.toarray()
    hv = sc.pp.highly_variable_genes(a, flavor="seurat", inplace=False)
    return pd.DataFrame(dict(variance=X.var(0), dispersion=np.nan_to_num(hv["dispersions_norm"].values, nan=-10)),
                        index=adata.var_names)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--models", nargs="+", default=GENE_MODELS + CELL_MODELS)
    ap.add_argument("--epochs-scale", type=float, default=1.0)
    a = ap.parse_args()
    warnings.filterwarnings("ignore")
    rows = []
    for seed in a.seeds:
        adata = simulate(n_cells=1000, n_genes=2000, n_groups=5, seed=seed)
        de = pd.Series((adata.varm["de_factor"] != 1).any(1), index=adata.var_names)
        ref = references(adata)
        for name in a.models:
            m = models.get(name)
            cfg = report.scale_epochs(m.config(), a.epochs_scale)
            if m.info.task == "clustering": cfg = cfg.__class__(**{**cfg.__dict__, "n_clusters": 5})
            t = time.time()
            res = m.fit(adata, cfg, seed=seed, progress=False)
            att = importlib.import_module(m.info.module).attention(res, adata)
            row = dict(model=name, seed=seed, fit_seconds=round(time.time() - t, 1), epochs_scale=a.epochs_scale)
            if att["genes"] is not None:
                w = att["genes"].mean(0)                                          # mean attention per gene it sees
                y = de[w.index].values
                row.update(n_genes=len(w), n_de=int(y.sum()), auroc_attention=roc_auc_score(y, w.values),
                           auroc_variance=roc_auc_score(y, ref.loc[w.index, "variance"].values),
                           auroc_dispersion=roc_auc_score(y, ref.loc[w.index, "dispersion"].values))
            else:
                tab = biology.same_group_share(att["cells"], adata.obs["cell_type"].values)
                row.update(same_group_share=float(tab.share.mean()), uniform_share=float(tab.uniform.mean()))
            rows.append(row)
            print(", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items()), flush=True)
    upsert_csv(OUT, rows, ["model", "seed", "epochs_scale"])
    df = pd.read_csv(OUT)
    num = [c for c in df.columns if c.startswith(("auroc", "same", "uniform"))]
    print("\nmean ± sd over seeds:")
    fmt = lambda x: "" if x.dropna().empty else (f"{x.mean():.3f} ± {x.std(ddof=1):.3f}" if x.notna().sum() > 1 else f"{x.mean():.3f}")
    print(df.groupby(["model", "epochs_scale"])[num].agg(fmt).to_string())


if __name__ == "__main__":
    main()
