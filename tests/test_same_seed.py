"""Same seed, same metrics on the CPU, for every model family (conftest.REPORT_MODELS) at tiny parameters: a second fit in this process
must give exactly the metrics that the model's report (run in its own kernel) wrote to metrics.json."""
import json
import pytest
import torch
from threadpoolctl import threadpool_limits

from scattn import report
from conftest import TINY, REPORT_MODELS


@pytest.mark.parametrize("name", REPORT_MODELS)
def test_same_seed_same_metrics(sim_runs, name):
    saved = json.loads((sim_runs[name] / "metrics.json").read_text())
    n = torch.get_num_threads()
    torch.set_num_threads(1)                       # as in the report's worker (OMP_NUM_THREADS=1)
    try:
        with threadpool_limits(1):
            adata = report.prepare("sim_citeseq", max_cells=TINY["max_cells"], seed=0)
            again, _ = report.run_model(name, adata, seed=0, epochs_scale=TINY["epochs_scale"], device=TINY["device"],
                                        progress=False)
    finally:
        torch.set_num_threads(n)
    assert saved["seed"] == 0 and set(again["scores"]) <= set(saved["metrics"])
    for key, value in again["scores"].items():
        assert value == pytest.approx(saved["metrics"][key], abs=1e-9), f"{name}: {key} {value} != {saved['metrics'][key]}"
