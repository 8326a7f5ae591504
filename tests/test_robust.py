"""Any valid counts AnnData runs every registered model, or is refused before the fit with a message that says why
(issue 26, item 4): a wide matrix whose genes are mostly detected in one or two cells (seurat_v3's loess used to
fail on it), and a narrow one of 60 genes."""
import warnings
import numpy as np
import pytest
import scipy.sparse as sp
import anndata as ad

from scattn import models
from scattn.data import simulate
from test_api import tiny                       # the registered config at tiny epochs, K = 3


def sparse_wide(n_cells=200, n_informative=1000, n_genes=10_000, seed=0) -> ad.AnnData:
    "A simulation widened to `n_genes` with genes detected in 1 or 2 cells each (counts 1-3), like a raw 10x matrix."
    rng = np.random.default_rng(seed)
    a = simulate(n_cells=n_cells, n_genes=n_informative, n_groups=3, n_proteins=5, seed=seed)
    extra = n_genes - n_informative
    per_gene = rng.integers(1, 3, size=extra)                                   # 1 or 2 cells per gene
    rows = np.concatenate([rng.choice(n_cells, k, replace=False) for k in per_gene])
    cols = np.repeat(np.arange(extra), per_gene)
    vals = rng.integers(1, 4, size=len(rows)).astype(np.float32)
    rare = sp.csr_matrix((vals, (rows, cols)), shape=(n_cells, extra))
    w = ad.AnnData(sp.hstack([a.X, rare]).tocsr(), obs=a.obs.copy(), obsm=dict(a.obsm))
    w.var_names = list(a.var_names) + [f"rare_{g}" for g in range(extra)]
    return w


@pytest.fixture(scope="module")
def wide(): return sparse_wide()


def test_the_wide_matrix_is_what_it_claims(wide):
    detected = np.asarray((wide.X > 0).sum(0)).ravel()
    assert wide.n_vars == 10_000 and (detected <= 2).mean() > 0.85


@pytest.mark.parametrize("name", models.names())
def test_every_model_fits_a_wide_sparse_matrix(wide, name):
    m, cfg = tiny(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        new, _ = m.fit(wide, cfg, seed=0, copy=True, progress=False)
    key = name + ("_pred" if m.info.task == "annotation" else "")
    assert new.obs[key].notna().sum() > 0


# models whose architecture fixes the number of genes refuse 60 genes with a message naming what they need
# every variant of a family needs what its family needs (the family is the model's module)
_FAMILY_NEEDS = {"scattn.models.scsmd": "784 genes", "scattn.models.sctrans": "more genes than its largest scale",
                 "scattn.models.sccompresssa": "at least 64 genes"}
NEEDS_MORE_GENES = {m: _FAMILY_NEEDS[i.module] for m, i in models.MODELS.items() if i.module in _FAMILY_NEEDS}


@pytest.mark.parametrize("name", models.names())
def test_every_model_fits_or_refuses_60_genes(name):
    m, cfg = tiny(name)
    a = simulate(n_cells=150, n_genes=60, n_groups=3, n_proteins=5, seed=1)
    if name in NEEDS_MORE_GENES:
        with pytest.raises(ValueError, match=NEEDS_MORE_GENES[name]):
            m.fit(a, cfg, seed=0, progress=False)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        new, _ = m.fit(a, cfg, seed=0, copy=True, progress=False)
    key = name + ("_pred" if m.info.task == "annotation" else "")
    assert new.obs[key].notna().sum() > 0
