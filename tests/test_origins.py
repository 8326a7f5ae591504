"""Every shared dataset rebuilt from its public origin files, as a user without the shared folder would: an empty
cache, the origin files read from the offline mirror beside the shared data ($SCATTN_ORIGIN_MIRROR, so nothing
downloads), `scattn data fetch all`, and the result compared with the shared file by content."""
import os
from pathlib import Path
import numpy as np
import pandas as pd
import pytest
import anndata as ad

from scattn import cli, data, report
from scattn.origins import content_digest

SHARED = Path(os.environ.get("SCATTN_DATA_DIR", "../shared/data"))
MIRROR = SHARED / "origin"
NAMES = ["baron_human_subsample", "cbmc_citeseq", "human_kidney", "pbmc_10x_4k", "pbmc_citeseq_49adt", "zeisel"]
pytestmark = pytest.mark.skipif(not (MIRROR / "ORIGINS.md").exists() or not (SHARED / "zeisel.h5ad").exists(),
                                reason="the shared datasets and their origin mirror are not beside the repository")


@pytest.fixture
def empty_machine(tmp_path, monkeypatch):
    "No SCATTN_DATA_DIR, an empty cache, origin files from the mirror."
    monkeypatch.delenv("SCATTN_DATA_DIR", raising=False)
    monkeypatch.setenv("SCATTN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("SCATTN_ORIGIN_MIRROR", str(MIRROR))
    return tmp_path / "cache"


def same_content(built: ad.AnnData, ref: ad.AnnData):
    "Cells, genes, counts, every obs column and every obsm table equal (the digest says the same, checked too)."
    assert list(built.obs_names) == list(ref.obs_names) and list(built.var_names) == list(ref.var_names)
    assert (built.X != ref.X).nnz == 0 and built.X.dtype == np.float32
    assert list(built.obs.columns) == list(ref.obs.columns)
    for col in ref.obs.columns:
        assert (built.obs[col].astype(str).values == ref.obs[col].astype(str).values).all(), col
    assert sorted(built.obsm) == sorted(ref.obsm)
    for key in ref.obsm:
        assert list(built.obsm[key].columns) == list(ref.obsm[key].columns)
        assert np.array_equal(np.asarray(built.obsm[key], np.float32), np.asarray(ref.obsm[key], np.float32)), key
    assert content_digest(built) == content_digest(ref)


def test_fetch_all_rebuilds_every_shared_dataset(empty_machine, capsys):
    assert cli.main(["data", "fetch", "all"]) == 0
    reg = data.registry()
    for name in NAMES:
        path = empty_machine / reg[name]["file"]
        assert f"{name}: {path}" in capsys.readouterr().out or path.exists()
        built, ref = ad.read_h5ad(path), ad.read_h5ad(SHARED / reg[name]["file"])
        same_content(built, ref)
        assert content_digest(built) == reg[name]["content_sha256"]
        assert data.sha256(path) != reg[name]["sha256"]               # other bytes: accepted by content, not by bytes
    assert data.load("cbmc_citeseq").obsm["protein"].shape == (8617, 10)   # load() finds the cache and checks it
    table = data.dataset_table()
    assert all(table.loc[n, "cached"].startswith(str(empty_machine)) for n in NAMES)


def test_load_builds_a_missing_dataset(empty_machine):
    a = data.load("pbmc_10x_4k")
    assert a.shape == (4271, 2000) and (empty_machine / "pbmc_10x_4k.h5ad").exists()
    assert (empty_machine / "origin" / "10X_PBMC_top2000.h5").exists()


def test_a_changed_origin_file_is_refused(empty_machine, tmp_path, monkeypatch):
    bad = tmp_path / "bad-mirror"; bad.mkdir()
    raw = (MIRROR / "10X_PBMC_top2000.h5").read_bytes()
    (bad / "10X_PBMC_top2000.h5").write_bytes(raw[:-10] + b"0123456789")
    monkeypatch.setenv("SCATTN_ORIGIN_MIRROR", str(bad))
    with pytest.raises(ValueError, match="SHA256"):
        data.fetch("pbmc_10x_4k", progress=False)
    assert not (empty_machine / "pbmc_10x_4k.h5ad").exists()


def test_a_cached_file_with_other_content_is_refused(empty_machine):
    path = data.fetch("human_kidney", progress=False)
    a = ad.read_h5ad(path); a.X[0, a.X[0].indices[0]] += 1; a.write_h5ad(path)
    with pytest.raises(ValueError, match="content digest.*scattn data fetch"):
        data.load("human_kidney")


def test_report_runs_from_a_fetched_file(empty_machine, tmp_path):
    out = report.run_report("pca_kmeans", "pbmc_10x_4k", seed=0, max_cells=300, out_dir=str(tmp_path / "r"), html=False)
    rec = pd.read_json(out / "metrics.json", typ="series")
    assert rec["dataset"] == "pbmc_10x_4k" and rec["cells"] == 300 and 0 <= rec["metrics"]["ari"] <= 1
    assert (empty_machine / "pbmc_10x_4k.h5ad").exists()
