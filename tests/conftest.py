"""Shared fixtures: report runs made once per session at tiny parameters."""
import os, warnings
from pathlib import Path
import pytest

from scattn import models, report

DATA_DIR = os.environ.get("SCATTN_DATA_DIR")
has_shared = pytest.mark.skipif(not (DATA_DIR and (Path(DATA_DIR) / "pbmc_10x_4k.h5ad").exists()),
                                reason="SCATTN_DATA_DIR does not hold the shared datasets")
TINY = dict(max_cells=300, epochs_scale=0.02, device="auto")


@pytest.fixture(scope="session")
def runs_root(tmp_path_factory):
    return tmp_path_factory.mktemp("reports")


@pytest.fixture(scope="session")
def sim_runs(runs_root):
    """Every registered model's report on the simulated CITE-seq data (RNA counts + 20 normalised proteins),
    at tiny parameters: {model: out_dir}. RNA-only models ignore the proteins; the report draws them."""
    out = {}
    for name in models.names():
        out[name] = report.run_report(name, "sim_citeseq", seed=0, out_dir=str(runs_root / name / "sim_citeseq" / "seed0"), **TINY)
    return out
