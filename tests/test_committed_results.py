"""The committed results under reports/: every baseline on every shared dataset, 3 seeds, well-formed and compact."""
import json, math
from pathlib import Path
import pandas as pd
import pytest

from scattn.data import registry

ROOT = Path(__file__).resolve().parents[1] / "reports"
SHARED = [n for n, e in registry().items() if "file" in e]
BASELINES = ["pca_kmeans", "scanpy_leiden", "logreg"]


@pytest.mark.parametrize("model", BASELINES)
@pytest.mark.parametrize("dataset", SHARED)
def test_three_seeds_committed(model, dataset):
    runs = sorted((ROOT / model / dataset).glob("seed*/metrics.json"))
    assert len(runs) >= 3, f"{model} on {dataset}: {len(runs)} runs committed"
    for p in runs:
        rec = json.loads(p.read_text())
        assert rec["params"]["max_cells"] is None and rec["params"]["epochs_scale"] == 1.0   # full runs
        assert all(math.isfinite(v) for v in rec["metrics"].values() if isinstance(v, float))
        for png in p.parent.glob("*.png"): assert png.stat().st_size < 200_000, png


def test_leaderboard_covers_all_shared_datasets():
    board = pd.read_csv(ROOT / "leaderboard.csv")
    for model in BASELINES:
        assert set(SHARED) <= set(board[board.model == model].dataset), model
    assert (ROOT / "LEADERBOARD.md").exists()
