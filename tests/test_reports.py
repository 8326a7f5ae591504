"""The report notebooks, run through papermill for every model family (conftest.REPORT_MODELS): what they write is checked."""
import json, math
from pathlib import Path
import pytest
import pandas as pd
import numpy as np
import anndata as ad

from scattn import cli, leaderboard, report
from conftest import TINY, REPORT_MODELS, has_shared

KEYS = {"model", "dataset", "seed", "task", "cells", "genes", "K", "metrics", "fit_seconds", "device",
        "protocol", "params", "config", "versions", "git_commit"}


def check_run(out: Path, model: str, dataset: str):
    rec = json.loads((out / "metrics.json").read_text())
    assert KEYS <= set(rec), KEYS - set(rec)
    assert (rec["model"], rec["dataset"]) == (model, dataset)
    main = leaderboard.MAIN_METRICS[rec["task"]]
    for k in main + ["nmi"]:
        assert math.isfinite(rec["metrics"][k]) and 0 <= rec["metrics"][k] <= 1, (k, rec["metrics"])
    assert -1 <= rec["metrics"]["ari"] <= 1
    assert rec["cells"] > 0 and (rec["genes"] > 0 or model == "protein_kmeans") and rec["K"] >= 2
    leaky = model.endswith("_ftest_true")                            # the paper's label leak, run on purpose
    assert rec["protocol"]["label_leakage"] is leaky
    assert bool(rec["protocol"].get("supervised_gene_selection")) is leaky
    assert rec["versions"]["torch"] and rec["git_commit"]
    for png in ["umap.png", "confusion.png"] + (["umap_protein.png", "protein_means.png"] if dataset.startswith("sim_citeseq") else []):
        assert (out / png).stat().st_size < 200_000, f"{png} is over 200 KB"
    assert (out / "report.html").exists() and (out / "report.ipynb").exists()
    return rec


@pytest.mark.parametrize("name", REPORT_MODELS)
def test_report_on_sim(sim_runs, name):
    rec = check_run(sim_runs[name], name, "sim_citeseq")
    assert rec["cells"] == TINY["max_cells"]


def test_pca_kmeans_finds_simulated_groups(sim_runs):
    rec = json.loads((sim_runs["pca_kmeans"] / "metrics.json").read_text())
    assert rec["metrics"]["ari"] >= 0.8
    assert rec["protocol"]["oracle_k"] is True and rec["K"] == 5


def test_logreg_scored_on_test_split(sim_runs):
    rec = json.loads((sim_runs["logreg"] / "metrics.json").read_text())
    assert rec["protocol"]["n_test"] == 60      # 20 % of 300 cells
    assert rec["metrics"]["accuracy"] >= 0.9


@has_shared
@pytest.mark.parametrize("name,dataset", [("pca_kmeans", "pbmc_10x_4k"), ("pca_kmeans", "baron_human_subsample"),
                                          ("logreg", "baron_human_subsample")])
def test_report_on_shared_data(runs_root, name, dataset):
    out = report.run_report(name, dataset, seed=1, out_dir=str(runs_root / name / dataset / "seed1"), html=True, **TINY)
    check_run(out, name, dataset)
    if name == "pca_kmeans":                                         # marker genes and PAGA only with gene symbols
        has = dataset == "baron_human_subsample"
        assert all((out / f).exists() is has for f in ["markers.png", "markers.csv", "paga.png"])
        if has: assert len(pd.read_csv(out / "markers.csv")) >= 2


def test_failed_run_names_cell_and_leaves_no_metrics(tmp_path, monkeypatch):
    monkeypatch.setenv("SCATTN_DATA_DIR", str(tmp_path / "empty"))
    monkeypatch.setenv("SCATTN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("SCATTN_ORIGIN_MIRROR", str(tmp_path / "no-mirror"))   # the file cannot be built either
    out = tmp_path / "run"
    out.mkdir(); (out / "metrics.json").write_text("{}")           # stale file from an earlier run
    with pytest.raises(RuntimeError, match=r"failed in cell \d+: FileNotFoundError"):
        report.run_report("pca_kmeans", "zeisel", seed=0, out_dir=str(out), **TINY)
    assert not (out / "metrics.json").exists()


def test_leaderboard_and_cli(sim_runs, runs_root, capsys):
    report.run_report("pca_kmeans", "sim_citeseq", seed=1, out_dir=str(runs_root / "pca_kmeans" / "sim_citeseq" / "seed1"),
                      html=False, **TINY)
    sub = report.run_report("protein_kmeans", "sim_citeseq", seed=0, cells="no_group_1", html=False, **TINY,
                            out_dir=str(runs_root / "protein_kmeans" / "sim_citeseq-no_group_1" / "seed0"))
    assert json.loads((sub / "metrics.json").read_text())["K"] == 4     # one of the five groups dropped
    assert cli.main(["leaderboard", str(runs_root)]) == 0
    board = (runs_root / "LEADERBOARD.md").read_text()
    row = next(l for l in board.splitlines() if l.startswith("| sim_citeseq | pca_kmeans |"))
    assert "| sim_citeseq:no_group_1 | protein_kmeans |" in board        # a cell subset is named beside its dataset
    assert "| 2 |" in row and "±" in row                             # two seeds: mean ± sd
    assert (runs_root / "leaderboard.csv").exists()
    assert cli.main(["list"]) == 0
    assert "pca_kmeans" in capsys.readouterr().out


def test_estimated_k_report_and_its_own_table(runs_root, sim_runs):
    out = report.run_report("pca_kmeans", "sim", seed=0, k="estimate", html=False, max_cells=300, epochs_scale=0.02,
                            out_dir=str(runs_root / "pca_kmeans" / "sim-kest" / "seed0"))
    rec = json.loads((out / "metrics.json").read_text())
    assert rec["protocol"]["oracle_k"] is False and 2 <= rec["K"] <= 20 and rec["protocol"]["n_types"] == 5
    assert rec["params"]["k"] == "estimate"
    md_dir = runs_root.parent / "kest_board"; md_dir.mkdir(exist_ok=True)
    leaderboard.leaderboard(runs_root, out=md_dir)
    md = (md_dir / "LEADERBOARD.md").read_text()
    assert md.index("## Clustering\n") < md.index("## Clustering with K estimated") < md.index("| sim | pca_kmeans | 1 | 300 |", md.index("K estimated"))
    with pytest.raises(ValueError, match="annotation model"):
        report.run_report("logreg", "sim", k="estimate", out_dir=str(runs_root / "x"))


def test_cli_report_on_an_unlabelled_user_file(tmp_path, capsys):
    "A scanpy user's file: log-normalised X, counts in layers['counts'], no labels to trust (the README's example)."
    import scanpy as sc
    from scattn.data import simulate
    a = simulate(n_cells=300, n_genes=500, n_groups=3, seed=4)
    a.var_names = [f"G{i}" for i in range(a.n_vars)]                    # gene symbols: markers are drawn too
    a.layers["counts"] = a.X.copy(); sc.pp.normalize_total(a); sc.pp.log1p(a)
    f = tmp_path / "my_cells.h5ad"; a.write_h5ad(f)
    assert cli.main(["report", "--model", "pca_kmeans", "--data", str(f), "--no-html", "--out-dir", str(tmp_path / "x")]) == 1
    assert "add --layer counts" in capsys.readouterr().err                # refused before any kernel starts
    out = tmp_path / "r"
    assert cli.main(["report", "--model", "pca_kmeans", "--data", str(f), "--layer", "counts", "--out-dir", str(out)]) == 0
    rec = json.loads((out / "metrics.json").read_text())
    assert rec["labelled"] is False and rec["metrics"] == {} and rec["protocol"]["k_method"] == "leiden"
    assert rec["params"]["layer"] == "counts" and rec["dataset"] == "my_cells"
    assert (out / "umap.png").exists() and (out / "markers.png").exists() and not (out / "confusion.png").exists()
    printed = capsys.readouterr().out
    assert "unlabelled" in printed and "your cells with the results:" in printed and "adata.h5ad" in printed
    back = ad.read_h5ad(out / "adata.h5ad")                               # AnnData out: the user's cells with the clusters
    assert list(back.obs_names) == list(a.obs_names) and back.obs["pca_kmeans"].nunique() == rec["protocol"]["K"]
    assert back.obsm["X_pca_kmeans"].shape[0] == a.n_obs and back.obsm["X_umap"].shape == (a.n_obs, 2)
    assert np.allclose(back.X.toarray(), a.layers["counts"].toarray() if hasattr(a.layers["counts"], "toarray") else a.layers["counts"])


def test_cli_annotation_report_on_a_labelled_user_file(tmp_path):
    "An annotation report on a user's file writes the cells back with the predictions and the split."
    from scattn.data import simulate
    a = simulate(n_cells=300, n_genes=300, n_groups=3, seed=5)
    a.obs["my_labels"] = a.obs["cell_type"].astype(str); del a.obs["cell_type"]
    f = tmp_path / "labelled.h5ad"; a.write_h5ad(f)
    out = tmp_path / "r"
    assert cli.main(["report", "--model", "logreg", "--data", str(f), "--label-key", "my_labels", "--no-html", "--out-dir", str(out)]) == 0
    back = ad.read_h5ad(out / "adata.h5ad")
    assert {"logreg_pred", "logreg_split", "my_labels"} <= set(back.obs.columns) and back.n_obs == a.n_obs
    te = back.obs["logreg_split"] == "test"
    acc = (back.obs["logreg_pred"][te].astype(str) == back.obs["my_labels"][te]).mean()
    assert acc == pytest.approx(json.loads((out / "metrics.json").read_text())["metrics"]["accuracy"])


def cellxgene_style(n_cells:int, seed:int) -> ad.AnnData:
    "A simulation laid out as CELLxGENE ships it: log-normalised X, counts of all genes in adata.raw, Ensembl ids as var_names, symbols in var['feature_name']."
    import scanpy as sc
    from scattn.data import simulate
    a = simulate(n_cells=n_cells, n_genes=300, n_groups=3, seed=seed)
    counts = a.X.copy(); sc.pp.normalize_total(a); sc.pp.log1p(a)
    a.var["feature_name"] = [f"SYM{i}" for i in range(a.n_vars)]
    a.var_names = [f"ENSG{i:011d}" for i in range(a.n_vars)]
    a.raw = ad.AnnData(counts, obs=a.obs[[]], var=a.var[["feature_name"]])
    return a


def test_cli_report_on_a_cellxgene_style_file(tmp_path):
    "A CELLxGENE-style file whose X holds a gene subset: the report reads all genes of adata.raw, named by symbol."
    a = cellxgene_style(300, seed=6)[:, :200].copy()
    f = tmp_path / "cxg.h5ad"; a.write_h5ad(f)
    out = tmp_path / "r"
    assert cli.main(["report", "--model", "logreg", "--data", str(f), "--layer", "raw", "--gene-symbols", "feature_name",
                     "--label-key", "cell_type", "--no-html", "--out-dir", str(out)]) == 0
    rec = json.loads((out / "metrics.json").read_text())
    assert rec["params"]["layer"] == "raw" and rec["params"]["gene_symbols"] == "feature_name" and rec["labelled"] is True
    back = ad.read_h5ad(out / "adata.h5ad")
    assert back.n_vars == 300 and back.var_names[0] == "SYM0"             # all genes of adata.raw, named by symbol


def test_cli_report_labels_a_query(tmp_path, capsys):
    "--query: the fitted annotation model labels another file's cells (CELLxGENE style, like the reference), no retraining."
    from scattn.leaderboard import collect
    a = cellxgene_style(400, seed=7)
    ref, query = tmp_path / "ref.h5ad", tmp_path / "query.h5ad"
    a[:250].copy().write_h5ad(ref); a[250:].copy().write_h5ad(query)
    flags = ["--layer", "raw", "--gene-symbols", "feature_name", "--no-html"]
    assert cli.main(["report", "--model", "pca_kmeans", "--data", str(ref), "--query", str(query), *flags]) == 1
    err = capsys.readouterr().err
    assert "pca_kmeans is a clustering model" in err and "--query-layer" not in err   # no hint where reading is fine
    assert cli.main(["report", "--model", "logreg", "--dataset", "sim", "--query", str(query), *flags]) == 1
    assert "shares no gene name with the reference" in capsys.readouterr().err   # sim's genes are gene_0, ...
    out = tmp_path / "r"
    assert cli.main(["report", "--model", "logreg", "--data", str(ref), "--label-key", "cell_type", "--query", str(query),
                     *flags, "--out-dir", str(out)]) == 0
    assert "the query's cells, labelled" in capsys.readouterr().out
    q = ad.read_h5ad(out / "query.h5ad")
    assert q.n_obs == 150 and q.var_names[0] == "ENSG00000000000" and "logreg_pred" in q.obs   # the file as it was, labelled
    rec = json.loads((out / "metrics.json").read_text())
    assert rec["query"]["n_scored"] == 150 and rec["query"]["model_genes_missing"] == 0
    acc = (q.obs["logreg_pred"].astype(str) == q.obs["cell_type"].astype(str)).mean()
    assert acc == pytest.approx(rec["query"]["accuracy"]) and acc > 0.6             # chance is 1/3
    assert (out / "query_labels.png").exists() and collect(tmp_path).empty          # a query run is no leaderboard row


def test_cli_query_laid_out_unlike_the_reference(tmp_path, capsys):
    "A CELLxGENE reference (adata.raw, feature_name) and a 10x-style query (counts in X, symbols as var_names): one call."
    a = cellxgene_style(400, seed=8)
    ref, query = tmp_path / "ref.h5ad", tmp_path / "query.h5ad"
    a[:250].copy().write_h5ad(ref)
    q10x = a[250:].raw.to_adata()                                            # counts in X
    q10x.var_names = q10x.var["feature_name"].astype(str).values; q10x.obs = a[250:].obs.copy()
    q10x.write_h5ad(query)
    base = ["report", "--model", "logreg", "--data", str(ref), "--label-key", "cell_type", "--layer", "raw",
            "--gene-symbols", "feature_name", "--query", str(query), "--no-html"]
    assert cli.main(base) == 1                                               # --layer raw read the query too: named
    assert "--query-layer X" in capsys.readouterr().err
    assert cli.main(["report", "--model", "logreg", "--query-layer", "X"]) == 1
    assert "describe a --query" in capsys.readouterr().err
    out = tmp_path / "r"
    assert cli.main(base + ["--query-layer", "X", "--query-gene-symbols", "var_names", "--out-dir", str(out)]) == 0
    rec = json.loads((out / "metrics.json").read_text())
    assert (rec["query"]["layer"], rec["query"]["gene_symbols"], rec["query"]["model_genes_missing"]) == ("X", None, 0)
    assert rec["query"]["n_scored"] == 150 and rec["query"]["accuracy"] > 0.6     # chance is 1/3
