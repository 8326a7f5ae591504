"""The scCompressSA analysis notebook (α histogram, fixed-α sweep, SA vs fixed over seeds) at tiny parameters."""
import json
import papermill as pm
from scattn.data import _project_root


def test_analysis_notebook_runs(tmp_path):
    nb = _project_root() / "nbs" / "reports" / "sccompresssa_analysis.ipynb"
    pm.execute_notebook(str(nb), str(tmp_path / "out.ipynb"), kernel_name="python3", progress_bar=False, cwd=str(tmp_path),
                        parameters=dict(dataset="sim", gene_selections=["ftest_pseudo"], alphas=[0.0, 1.0], n_seeds=2,
                                        max_cells=200, epochs_scale=0.01, out_dir=str(tmp_path)))
    for f in ["alpha_hist.png", "alpha_sweep.png", "sa_vs_fixed.png", "alpha.csv", "sweep.csv", "seeds.csv"]:
        assert (tmp_path / f).stat().st_size > 0, f
    s = json.loads((tmp_path / "summary.json").read_text())
    assert s["label_leakage"] == {"ftest_pseudo": False}
    assert 0 <= s["alpha_saturated"]["ftest_pseudo"] <= 1
