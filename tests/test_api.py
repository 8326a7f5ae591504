"""The scanpy-style API of every registered model (`layer=`, `key_added=`, `copy=`, `uns['scattn']`, the caller's
AnnData and random state untouched), and the bad-input findings of the API probe, one test each."""
import json, random, warnings
from pathlib import Path
import numpy as np
import pandas as pd
import pytest
import anndata as ad
import scanpy as sc
import torch

from scattn import cli, models, report
from scattn.data import simulate
from scattn.train import Result

TINY_EPOCHS = 0.02


@pytest.fixture(scope="module")
def user_adata():
    "How a scanpy user keeps data: log-normalised X, raw counts in layers['counts'], proteins in obsm."
    a = simulate(n_cells=120, n_genes=1000, n_groups=3, n_proteins=5, seed=0)
    a.layers["counts"] = a.X.copy()
    sc.pp.normalize_total(a, target_sum=1e4); sc.pp.log1p(a)
    return a


def tiny(name, **kw):
    m = models.get(name)
    cfg = report.scale_epochs(m.config(), TINY_EPOCHS)
    if m.info.task == "clustering": cfg = cfg.__class__(**{**cfg.__dict__, "n_clusters": 3, **kw})
    return m, cfg


@pytest.mark.parametrize("name", models.names())
def test_every_model_layer_key_added_copy(user_adata, name, tmp_path):
    m, cfg = tiny(name)
    a = user_adata
    before_obs, before_obsm, before_uns, X0 = list(a.obs.columns), sorted(a.obsm), dict(a.uns), a.X.copy()
    random.seed(3); np.random.seed(3); torch.manual_seed(3)
    states = (random.getstate(), np.random.get_state()[1].copy(), torch.get_rng_state().clone())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        new, res = m.fit(a, cfg, seed=0, layer="counts", key_added="mine", copy=True, progress=False)
    # the caller's AnnData: untouched, random state: as before
    assert list(a.obs.columns) == before_obs and sorted(a.obsm) == before_obsm and dict(a.uns) == before_uns
    assert (a.X != X0).nnz == 0
    assert random.getstate() == states[0] and np.array_equal(np.random.get_state()[1], states[1])
    assert torch.equal(torch.get_rng_state(), states[2])
    # the new AnnData: only documented keys, named by key_added
    added_obs = set(new.obs.columns) - set(before_obs)
    documented = {"mine", "mine_pred", "mine_alpha", "mine_split"}
    assert added_obs <= documented, added_obs - documented
    assert ("mine_pred" if m.info.task == "annotation" else "mine") in added_obs
    assert set(new.obsm) - set(before_obsm) == {"X_mine"} and new.obsm["X_mine"].shape[0] == new.n_obs
    rec = new.uns["scattn"]["mine"]
    assert rec["model"] == name and rec["layer"] == "counts" and rec["seed"] == 0 and rec["scattn_version"]
    assert json.loads(rec["config"]) == json.loads(json.dumps(res.config, default=str))
    new.write_h5ad(tmp_path / "fitted.h5ad")                             # the uns record is writable


def test_in_place_fit_writes_only_documented_keys(user_adata):
    a = user_adata.copy()
    m, cfg = tiny("pca_kmeans")
    res = m.fit(a, cfg, layer="counts")
    assert res.config["n_clusters"] == 3 and set(a.obs.columns) == {"cell_type", "pca_kmeans"}
    assert "pca_kmeans" in a.uns["scattn"]


# --- findings of the bad-input probe -----------------------------------------------------------------------------

def test_missing_labels_are_not_a_class(user_adata):                       # finding 1
    a = simulate(150, 300, 3, seed=1)
    a.obs.loc[a.obs_names[:20], "cell_type"] = np.nan
    with pytest.warns(UserWarning, match="20 cells have no label"):
        models.get("logreg").fit(a, progress=False)
    assert "nan" not in set(a.obs["logreg_pred"].astype(str))
    assert (a.obs["logreg_split"][:20] == "unlabelled").all()
    assert set(a.obs["logreg_split"][20:]) == {"train", "test"}


def test_run_model_leaves_the_users_split_alone():                        # finding 2
    a = simulate(150, 300, 3, seed=1)
    a.obs["split"] = "batch_a"
    scores, _ = report.run_model("logreg", a, seed=0, progress=False)
    assert (a.obs["split"] == "batch_a").all() and scores["protocol"]["n_test"] == 30


def test_duplicated_obs_names_fail_before_the_fit():                      # finding 4
    a = simulate(60, 200, 3, seed=1); a.obs_names = ["c"] * 60
    with pytest.raises(ValueError, match="obs_names_make_unique"):
        models.get("scamzi").fit(a, models.get("scamzi").Config(n_clusters=3))


def test_sccompresssa_with_an_all_zero_cell():                           # finding 5
    a = simulate(120, 1000, 3, seed=1)
    X = a.X.tolil(); X[0, :] = 0; a.X = X.tocsr()
    m, cfg = tiny("sccompresssa")
    with pytest.warns(UserWarning, match="1 cells have no counts"):
        m.fit(a, cfg, progress=False)
    assert a.obs["sccompresssa"].isna().sum() == 1 and np.isnan(a.obsm["X_sccompresssa"][0]).all()


def test_backed_sparse_and_x_none(tmp_path):                              # finding 7
    a = simulate(100, 300, 3, seed=1); a.write_h5ad(tmp_path / "a.h5ad")
    b = ad.read_h5ad(tmp_path / "a.h5ad", backed="r")
    new, _ = models.get("pca_kmeans").fit(b, models.get("pca_kmeans").Config(n_clusters=3), copy=True)
    assert new.obs["pca_kmeans"].notna().all()
    c = ad.AnnData(obs=a.obs.copy(), var=a.var.copy()); c.layers["counts"] = a.X.copy()
    with pytest.raises(ValueError, match="adata.X is None"):
        models.get("pca_kmeans").fit(c, models.get("pca_kmeans").Config(n_clusters=3))
    models.get("pca_kmeans").fit(c, models.get("pca_kmeans").Config(n_clusters=3), layer="counts")


def test_small_data_gets_a_clear_error():                                 # finding 9
    for n in (3, 5, 10):
        with pytest.raises(ValueError, match="at least 20"):
            models.get("srsavae").fit(simulate(n, 200, 2, seed=0), models.get("srsavae").Config(n_clusters=2))
    with pytest.raises(ValueError, match="n_groups"):
        simulate(n_groups=0)


def test_parameter_gaps(tmp_path):                                        # finding 10
    with pytest.raises(ValueError, match="positive finite"):
        report.check_params(epochs_scale=float("inf"))
    with pytest.raises(ValueError, match="a number of clusters"):
        report.run_model("pca_kmeans", simulate(60, 200, 3), k="guess")
    for bad in (0, -10):
        with pytest.raises(ValueError, match="n_top_genes must be >= 1"):
            models.get("pca_kmeans").fit(simulate(60, 200, 3), models.get("pca_kmeans").Config(n_clusters=3, n_top_genes=bad))
    with pytest.raises(ValueError):
        report.write_json_atomic({"ari": float("inf")}, tmp_path / "m.json")    # Infinity is not JSON
    assert not list(tmp_path.iterdir())                                       # no .tmp file left behind


@pytest.mark.parametrize("name,field,value,match", [
    ("scsmd", "pretrain_epochs", "20", "must be int"),
    ("scsmd", "pretrain_epochs", 2.5, "must be int"),
    ("scamzi", "batch_size", 0, "batch_size must be >= 1"),
    ("srsavae", "lr", "fast", "lr must be float"),
    ("sctrans", "scales", (16, 24, 64), "nested"),
    ("sctrans", "mask_ratio", 1.0, "in \\[0, 1\\)"),
    ("sctrans", "val_fraction", 1.0, "in \\[0, 1\\)"),
])
def test_config_types_and_ranges(name, field, value, match):             # finding 11
    m = models.get(name)
    cfg = m.Config(**{field: value})
    with pytest.raises((TypeError, ValueError), match=match):
        m.fit(simulate(60, 300, 3), cfg)


def test_config_of_the_wrong_kind():                                      # finding 11
    m = models.get("scamzi")
    with pytest.raises(TypeError, match="got a dict"):
        m.fit(simulate(60, 300, 3), {"n_clusters": 3})
    with pytest.raises(TypeError, match="another model's config"):
        m.fit(simulate(60, 300, 3), models.get("srsavae").Config())


def test_sctrans_with_few_genes_is_refused_clearly():                     # finding 3
    m = models.get("sctrans")
    with pytest.raises(ValueError, match="more genes than its largest scale"):
        m.fit(simulate(150, 60, 3), m.Config(epochs=1))


def test_inputs_of_the_wrong_type():                                      # finding 12
    m = models.get("pca_kmeans")
    with pytest.raises(TypeError, match="wrap a cells x genes matrix"):
        m.fit(np.ones((50, 20)))
    for seed in (1.5, None, True):
        with pytest.raises(TypeError, match="seed must be a non-negative integer"):
            m.fit(simulate(60, 200, 3), seed=seed)
    with pytest.raises(ValueError, match="needs labels"):
        report.run_model("pca_kmeans", ad.AnnData(simulate(60, 200, 3).X))


def test_cli_errors_are_one_line(tmp_path, capsys):                       # findings 6 and 8
    f = tmp_path / "a_file"; f.write_text("x")
    assert cli.main(["report", "--model", "pca_kmeans", "--out-dir", str(f)]) == 1
    assert "is a file, not a folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert cli.main(["leaderboard", str(tmp_path / "empty")]) == 1
    assert "no metrics.json" in capsys.readouterr().err
    busy = tmp_path / "busy"; busy.mkdir(); (busy / ".report.lock").touch()
    assert cli.main(["report", "--model", "pca_kmeans", "--out-dir", str(busy)]) == 1
    assert "another report is writing into" in capsys.readouterr().err
    assert cli.main(["report", "--model", "pca_kmeans", "--epochs-scale", "nan"]) == 1
    assert "positive finite" in capsys.readouterr().err


def test_a_rerun_leaves_no_figure_of_the_earlier_run(tmp_path):           # finding 6
    out = tmp_path / "r"; out.mkdir(); (out / "loss.png").write_bytes(b"old figure of another model")
    (out / "adata.h5ad").write_bytes(b"cells of an earlier run")
    report.run_report("pca_kmeans", "sim", max_cells=100, out_dir=str(out), html=False)
    assert not (out / "loss.png").exists() and (out / "metrics.json").exists() and not (out / ".report.lock").exists()
    assert not (out / "adata.h5ad").exists()                                 # a registered dataset writes none


# --- the fitted model: kept, saved, loaded, and embedding new cells -------------------------------------------------

@pytest.mark.parametrize("name", models.names())
def test_fitted_model_round_trips_and_embeds_new_cells(name, tmp_path):
    a = simulate(n_cells=160, n_genes=1000, n_groups=3, n_proteins=5, seed=0)
    ref, query = a[:120].copy(), a[120:].copy()
    m, cfg = tiny(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = m.fit(ref, cfg, seed=0, progress=False)
    assert res.model is not None, f"{name} discards its fitted model"
    back = Result.load(res.save(tmp_path / "fit.pt"))
    assert type(back.model) is type(res.model) and back.config == res.config
    if m.info.task == "annotation":
        assert back.model.genes == res.model.genes
        return
    q = query[:, ::-1].copy()                                                # other gene order: matched by name
    Z1, Z2 = res.embed(q), back.embed(q)
    assert Z1.shape[0] == q.n_obs and np.array_equal(Z1, Z2, equal_nan=True)  # the loaded model embeds identically
    if name not in ("srsavae", "srsavae_noattn", "srsavae_nores", "srsavae_rna"):  # attention over a batch: context-dependent
        Zt = res.embed(ref)                                                  # the training cells: their stored embedding
        assert np.allclose(Zt, ref.obsm[f"X_{name}"], atol=1e-3, equal_nan=True), np.nanmax(np.abs(Zt - ref.obsm[f"X_{name}"]))


def test_an_interrupted_report_is_not_mistaken_for_a_finished_one(tmp_path, monkeypatch):   # finding 6
    import papermill as pm
    def interrupted(src, dst, **kw):
        Path(dst).write_text("{}"); raise KeyboardInterrupt
    monkeypatch.setattr(pm, "execute_notebook", interrupted)
    with pytest.raises(KeyboardInterrupt):
        report.run_report("pca_kmeans", "sim", out_dir=str(tmp_path / "r"))
    left = {p.name for p in (tmp_path / "r").iterdir()}
    assert left == {"report.interrupted.ipynb"}, left                      # no report.ipynb, no HTML, no lock


# --- attention(): one function, one return shape, in every paper model's module ------------------------------------

ATTENTION = {"scamzi": "genes", "sccompresssa": "genes", "scsmd": "genes", "srsavae": "cells", "sctrans": "genes"}


@pytest.mark.parametrize("name", sorted(ATTENTION))
def test_attention_of_every_paper_model(name):
    import importlib
    a = simulate(n_cells=140, n_genes=1000, n_groups=3, n_proteins=4, seed=0)
    m, cfg = tiny(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = m.fit(a, cfg, seed=0, progress=False)
    att = importlib.import_module(m.info.module).attention(res, a)
    assert set(att) >= {"genes", "cells", "what"}
    if ATTENTION[name] == "genes":
        g = att["genes"]
        assert isinstance(g, pd.DataFrame) and g.shape[0] == a.n_obs and set(g.columns) <= set(a.var_names)
        assert np.isfinite(g.values).all() and att["cells"] is None
    else:
        A = att["cells"]
        assert A.shape == (a.n_obs, a.n_obs) and np.allclose(np.asarray(A.sum(1)).ravel(), 1, atol=1e-5)
