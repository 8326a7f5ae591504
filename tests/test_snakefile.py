"""The leaderboard's Snakefile, dry-run (`snakemake -n`) in an empty folder: one job per run of `leaderboard.grid()`, each
setting numba's threads like the others, a GPU resource only for the neural models, the table as a local rule."""
import re, subprocess, sys
from pathlib import Path

from scattn import leaderboard

ROOT = Path(__file__).resolve().parents[1]
SNAKEMAKE = Path(sys.executable).parent / "snakemake"


def test_grid_dry_run(tmp_path):
    assert SNAKEMAKE.exists(), "snakemake is a dev requirement (settings.ini): pip install -e '.[dev]'"
    chosen = ["pca_kmeans", "scsmd", "logreg"]
    r = subprocess.run([str(SNAKEMAKE), "-n", "-p", "-s", str(ROOT / "Snakefile"), "-d", str(tmp_path), "--cores", "2",
                        "--config", "models=" + ",".join(chosen)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    out = r.stdout + r.stderr
    runs = leaderboard.grid(chosen)
    jobs = re.findall(r"rule report:\n(.*?)\n\n", out, flags=re.S)
    assert len(jobs) == len(runs), (len(jobs), len(runs))
    for job in jobs:
        model = re.search(r"wildcards: model=([^,\n]+)", job).group(1)
        gpu = re.search(r"gpu=(\d)", job)
        assert gpu and int(gpu.group(1)) == (model != "pca_kmeans" and model != "logreg"), job
    cmds = re.findall(r"export NUMBA_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1; scattn report", out)
    assert len(cmds) == len(runs)
    # a local executor does not tell local rules apart in its dry run: read the declaration itself
    assert re.search(r"^localrules:.*\bleaderboard\b", (ROOT / "Snakefile").read_text(), flags=re.M)
