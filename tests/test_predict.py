"""Label transfer: a fitted annotation model (SCTrans, logistic regression, k-NN) labels a query AnnData without
retraining, genes matched by name, after a save and a load; tested on a reference/query split of a simulation."""
import warnings
import numpy as np
import pytest

from scattn import models
from scattn.data import simulate
from scattn.metrics import evaluate
from scattn.train import Result


@pytest.fixture(scope="module")
def ref_query():
    "A simulation cut into a reference (every cell trains) and a query of other cells, with its genes reversed."
    a = simulate(n_cells=300, n_genes=400, n_groups=3, seed=1)
    q = np.random.default_rng(0).permutation(a.n_obs) < 90
    ref, query = a[~q].copy(), a[q].copy()
    query = query[:, list(query.var_names[::-1])].copy()
    ref.obs["split"] = "train"
    return ref, query


def small(name):
    m = models.get(name)
    if name == "sctrans":
        return m, m.Config(scales=(8, 16, 32), dim=32, heads=2, depth=1, epochs=12, n_top_genes=300, batch_size=32)
    return m, m.Config(n_top_genes=300)


@pytest.mark.parametrize("name", ["sctrans", "logreg", "knn"])
def test_label_a_query_after_save_and_load(ref_query, name, tmp_path):
    ref, query = ref_query
    m, cfg = small(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = m.fit(ref, cfg, seed=0, progress=False)
    back = Result.load(res.save(tmp_path / f"{name}.pt"))
    labels = back.predict(query, key_added="label")
    assert query.obs["label"].dtype.name == "category" and len(labels) == query.n_obs
    assert set(labels) <= set(ref.obs["cell_type"].astype(str))
    acc = evaluate(query.obs["cell_type"], labels.astype(str), "annotation")["accuracy"]
    assert acc > 0.6, acc                                                   # chance is 1/3
    # the query's gene order does not matter, and the loaded model predicts as the fitted one
    assert (back.predict(query[:, list(query.var_names[::-1])].copy()) == res.predict(query)).all()


def test_missing_genes_are_counted_and_counts_required(ref_query):
    ref, query = ref_query
    m, cfg = small("logreg")
    res = m.fit(ref.copy(), cfg, seed=0, progress=False)
    drop = set(res.model.genes[:7])
    lacking = query[:, [g not in drop for g in query.var_names]].copy()
    with pytest.warns(UserWarning, match="7 of the model's 300 genes are not in the query"):
        res.predict(lacking)
    logged = lacking.copy(); logged.X = np.log1p(logged.X.toarray())
    with pytest.raises(ValueError, match="raw counts"):
        res.predict(logged)
    with pytest.raises(TypeError, match="only annotation models"):
        models.get("pca_kmeans").fit(ref.copy(), models.get("pca_kmeans").Config(n_clusters=3), seed=0).predict(query)


def test_a_cellxgene_style_query(ref_query):
    "A query as CELLxGENE ships it: Ensembl-like ids as var_names, symbols in a var column, log values in X, counts in adata.raw."
    ref, query = ref_query
    m, cfg = small("logreg")
    res = m.fit(ref.copy(), cfg, seed=0, progress=False)
    cx = query.copy()
    cx.var["feature_name"] = cx.var_names
    cx.var_names = [f"ENSG{i:011d}" for i in range(cx.n_vars)]
    cx.raw = cx
    cx.X = np.log1p(cx.X)
    with pytest.raises(ValueError, match="none of the model's 300 genes"):
        res.predict(cx, layer="raw")                                        # ids are not the reference's symbols
    labels = res.predict(cx, layer="raw", gene_symbols="feature_name", key_added="label")
    assert (labels == res.predict(query)).all() and "label" in cx.obs
    assert np.allclose(res.embed(cx, layer="raw", gene_symbols="feature_name"), res.embed(query))
    with pytest.raises(ValueError, match="'symbol' is not a var column of the query"):
        res.predict(cx, layer="raw", gene_symbols="symbol")
