"""Shared fixtures: report runs made once per session at tiny parameters."""
import os
from pathlib import Path
import pytest

from scattn import models, report

DATA_DIR = os.environ.get("SCATTN_DATA_DIR")
# Nothing may download during the tests: a dataset that is missing is built from the offline mirror of its origin
# files beside the shared data (or fails there), never fetched from its public address.
if DATA_DIR and "SCATTN_ORIGIN_MIRROR" not in os.environ:
    os.environ["SCATTN_ORIGIN_MIRROR"] = str(Path(DATA_DIR) / "origin")
has_shared = pytest.mark.skipif(not (DATA_DIR and (Path(DATA_DIR) / "pbmc_10x_4k.h5ad").exists()),
                                reason="SCATTN_DATA_DIR does not hold the shared datasets")
TINY = dict(max_cells=300, epochs_scale=0.02, device="auto")
# One tiny report per model family: every paper model, improved variant and baseline, plus the leaky ablation (the one
# ablation whose report differs: it must be tagged). The other ablations run the same report code through their
# paper model's module; their fits are checked by tests/test_api.py and tests/test_robust.py. (All 23 reports took
# 8.5 of the suite's minutes.)
REPORT_MODELS = sorted([n for n, i in models.MODELS.items() if i.kind != "ablation"] + ["sccompresssa_ftest_true"])


@pytest.fixture(scope="session")
def runs_root(tmp_path_factory):
    return tmp_path_factory.mktemp("reports")


@pytest.fixture(scope="session")
def sim_runs(runs_root):
    """Every model family's report (REPORT_MODELS) on the simulated CITE-seq data (RNA counts + 20 normalised proteins),
    at tiny parameters: {model: out_dir}. RNA-only models ignore the proteins; the report draws them."""
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing as mp
    # Two reports at a time, one thread each: most of a tiny report is kernel start-up, UMAP and HTML, which do
    # not use a second core. Spawned workers (never forked: torch's thread pools do not survive fork).
    old = {k: os.environ.get(k) for k in ("OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    os.environ.update(OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    try:
        with ProcessPoolExecutor(2, mp_context=mp.get_context("spawn")) as ex:
            futs = {name: ex.submit(report.run_report, name, "sim_citeseq", seed=0,
                                    out_dir=str(runs_root / name / "sim_citeseq" / "seed0"), **TINY)
                    for name in REPORT_MODELS}
            return {name: f.result() for name, f in futs.items()}
    finally:
        for k, v in old.items():
            if v is None: os.environ.pop(k, None)
            else: os.environ[k] = v
