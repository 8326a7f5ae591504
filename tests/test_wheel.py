"""The package as a user installs it: a wheel built from the repository, installed with pip into a fresh virtual
environment outside the repository, runs the README's quickstart (`scattn --version`, `scattn data list`, a report on
the embedded simulation) with no access to the repository. The fresh environment borrows the test environment's
installed dependencies through a .pth line (so nothing downloads), never its scattn: the wheel's own copy is
imported, with the registry and the report notebooks inside it."""
import json, os, shutil, subprocess, sys, sysconfig, zipfile
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    "Build the wheel from a copy of the repository's files (tracked and new, not ignored), as pip would from a clone."
    src, dist = tmp_path_factory.mktemp("src"), tmp_path_factory.mktemp("dist")
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for rel in filter(None, files):
        if rel.startswith(("reports/", "nbs/")) and not rel.startswith("nbs/reports/"): continue   # not needed to build
        if not (ROOT / rel).is_file(): continue
        (src / rel).parent.mkdir(parents=True, exist_ok=True); shutil.copyfile(ROOT / rel, src / rel)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(dist), str(src)],
                   check=True, capture_output=True)
    return next(dist.glob("scattn-*.whl"))


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory):
    "A fresh venv with the wheel installed by pip; dependencies visible through a .pth line, scattn only from the wheel."
    v = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", str(v)], check=True)
    py = v / "bin" / "python"
    site = subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True,
                          text=True, check=True).stdout.strip()
    Path(site, "borrowed_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([py, "-m", "pip", "install", "-q", "--no-deps", "--disable-pip-version-check", str(wheel)], check=True)
    return v


def test_wheel_carries_its_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for rel in ["data/registry.json", "nbs/reports/cluster.ipynb", "nbs/reports/annotate.ipynb"]:
        assert f"scattn/_pkgdata/{rel}" in names
    meta = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA"))).decode()
    reqs = [l.split(":", 1)[1].strip() for l in meta.splitlines() if l.startswith("Requires-Dist:") and "extra ==" not in l]
    assert not any(r.startswith(("fastcore", "nbdev", "pytest", "jupyterlab")) for r in reqs), reqs


def test_quickstart_from_the_installed_wheel(venv, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("SCATTN_DATA_DIR", "PYTHONPATH", "SCATTN_REGISTRY")}
    env.update(SCATTN_CACHE=str(tmp_path / "cache"), OMP_NUM_THREADS="1", MPLBACKEND="Agg",
               JUPYTER_PATH=str(Path(sys.prefix) / "share" / "jupyter"))   # the borrowed nbconvert's templates live there
    run = lambda *a: subprocess.run(a, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    where = run(str(venv / "bin" / "python"), "-c", "import scattn; print(scattn.__file__)")
    assert where.stdout.startswith(str(venv)), where                # the wheel's scattn, not the repository's
    scattn = str(venv / "bin" / "scattn")
    v = run(scattn, "--version"); assert v.returncode == 0 and v.stdout.strip() == "scattn 0.1.0", v
    lst = run(scattn, "data", "list")
    assert lst.returncode == 0 and "pbmc_10x_4k" in lst.stdout and "scattn data fetch" in lst.stdout, lst
    rep = run(scattn, "report", "--model", "pca_kmeans", "--dataset", "sim")
    assert rep.returncode == 0, rep.stderr[-3000:]
    out = tmp_path / "reports" / "pca_kmeans" / "sim" / "seed0"
    assert str(out / "report.html") in rep.stdout and (out / "report.html").exists()
    assert json.loads((out / "metrics.json").read_text())["metrics"]["ari"] > 0
