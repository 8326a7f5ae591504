"""Measurement (prints and writes CSVs, asserts nothing): what does each paper model's attention look at on real
genes? On baron_human_subsample (human pancreas, gene symbols), each model is fitted (K = number of annotated types
for the clustering models; SCTrans on its stratified training split) and its attention read with the module's
`attention(result, adata)`:
- overlap@20: per cluster of the model's own clustering (SCTrans: its predicted types), the 20 genes whose mean
  attention in the cluster most exceeds their mean over all cells, against the cluster's 20 top t-test markers
  (`scanpy.tl.rank_genes_groups` on log1p-CPM of the genes the model sees), |both| / 20, averaged over clusters;
  chance is 20 / (genes seen);
- known pancreas markers: the attention lift (mean in the annotated type minus the mean over all cells) of INS, GCG,
  SST, PPY, PRSS1, CPA1, KRT19, PECAM1, PDGFRB in every annotated type, and whether each marker's own type has its
  largest lift;
- SRSA-VAE attends over cells: the share of a cell's attention on cells of its own annotated type, against uniform.
The annotated types describe the attention here; they choose nothing. Run (the default config; --preset workshop for
a quick look): .venv/bin/python tests/measure_attention_baron.py [--models ...] [--seeds 0] [--preset default]
Writes reports/attention_baron.csv (one row per model and seed) and reports/attention_baron_markers.csv."""
import argparse, importlib, time, warnings
from pathlib import Path
import numpy as np
import pandas as pd
import scanpy as sc

from scattn import biology, models, report
from scattn.data import load
from benchutil import upsert_csv

MARKERS = dict(INS="beta", GCG="alpha", SST="delta", PPY="gamma", PRSS1="acinar", CPA1="acinar", KRT19="ductal",
               PECAM1="endothelial", PDGFRB="activated_stellate")
OUT = Path(__file__).resolve().parents[1] / "reports"


def overlap_at(att:pd.DataFrame, adata, clusters, n:int=20) -> float:
    "Mean over clusters of |top-n attended ∩ top-n t-test markers| / n, both over the genes the model sees."
    a = adata[:, list(att.columns)].copy()
    sc.pp.normalize_total(a, target_sum=1e4); sc.pp.log1p(a)
    a.obs["cl"] = pd.Categorical(np.asarray(clusters).astype(str))
    keep = a.obs["cl"].value_counts(); keep = keep[keep >= 3].index
    a = a[a.obs["cl"].isin(keep)].copy()
    sc.tl.rank_genes_groups(a, "cl", method="t-test", n_genes=n)
    top = biology.top_attended(att.loc[a.obs_names], a.obs["cl"].values, n)
    return float(np.mean([len(set(top[top.group == k].gene) & set(a.uns["rank_genes_groups"]["names"][k])) / n
                          for k in a.obs["cl"].cat.categories]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", nargs="+", default=["scamzi", "sccompresssa", "scsmd", "sctrans", "srsavae"])
    ap.add_argument("--seeds", type=int, nargs="+", default=[0])
    ap.add_argument("--preset", default="default")
    a = ap.parse_args()
    warnings.filterwarnings("ignore")
    rows, mk = [], []
    for seed in a.seeds:
        for name in a.models:
            adata = load("baron_human_subsample")
            t = time.time()
            _, res = report.run_model(name, adata, seed=seed, progress=False, preset=a.preset)
            att = importlib.import_module(models.get(name).info.module).attention(res, adata)
            key = f"{name}_pred" if models.get(name).info.task == "annotation" else name
            row = dict(model=name, seed=seed, preset=a.preset, fit_seconds=round(time.time() - t, 1))
            if att["genes"] is not None:
                G = att["genes"]
                row.update(n_genes=G.shape[1], overlap20=overlap_at(G, adata, adata.obs.loc[G.index, key]),
                           chance20=20 / G.shape[1])
                types = adata.obs.loc[G.index, "cell_type"].astype(str).values
                lift = G.groupby(types).mean() - G.mean(0)                            # (types, genes)
                seen = [g for g in MARKERS if g in G.columns]
                hits = sum(lift[g].idxmax() == MARKERS[g] for g in seen)
                row.update(markers_seen=len(seen), markers_top_in_own_type=int(hits))
                mk += [dict(model=name, seed=seed, preset=a.preset, gene=g, type=ty, lift=float(lift.loc[ty, g]),
                            own_type=MARKERS[g]) for g in seen for ty in lift.index]
            else:
                tab = biology.same_group_share(att["cells"], adata.obs["cell_type"].values)
                row.update(same_type_share=float(tab.share.mean()), uniform_share=float(tab.uniform.mean()))
            rows.append(row)
            print(", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items()), flush=True)
    upsert_csv(OUT / "attention_baron.csv", rows, ["model", "seed", "preset"])
    if mk: upsert_csv(OUT / "attention_baron_markers.csv", mk, ["model", "seed", "preset", "gene", "type"])
    print(pd.read_csv(OUT / "attention_baron.csv").to_string())


if __name__ == "__main__":
    main()
