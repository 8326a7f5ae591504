"""The SCTrans analysis notebook (training fraction, gene-selective inference, embedding, imbalance, mask ratio) at tiny parameters."""
import json
import papermill as pm
from scattn.data import _project_root


def test_sctrans_analysis_runs(tmp_path):
    nb = _project_root() / "nbs" / "reports" / "sctrans_analysis.ipynb"
    pm.execute_notebook(str(nb), str(tmp_path / "out.ipynb"), kernel_name="python3", progress_bar=False, cwd=str(tmp_path),
                        parameters=dict(dataset="sim", fractions=[0.3, 0.8], keep_ratios=[0.2, 1.0], n_random=1,
                                        mask_ratios=[0.0, 0.75], max_cells=300, epochs_scale=0.05, out_dir=str(tmp_path)))
    for f in ["fraction.png", "selective.png", "embedding.png", "imbalance.png", "mask.png",
              "fraction.csv", "selective.csv", "imbalance.csv", "mask.csv"]:
        assert (tmp_path / f).stat().st_size > 0, f
    s = json.loads((tmp_path / "summary.json").read_text())
    assert abs(s["salient_minus_random_accuracy"]["1.0"]) < 1e-9     # keeping everything: the same prediction
    assert set(s["kmeans_ari"]) == {"raw", "sctrans"} and 0 <= s["test_accuracy_80_20"] <= 1
