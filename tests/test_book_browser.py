"""The HTML book in headless Chromium: the index and one model page load, equations are typeset, figures are there.
Run by `make docs-test` (it executes a model notebook, so it stays out of `make test`)."""
import os, re, shutil, subprocess
from pathlib import Path
import pytest
from scattn import book
from scattn.data import _project_root

pytestmark = pytest.mark.skipif(not (os.environ.get("SCATTN_BROWSER_TEST") and shutil.which("chromium")),
                                reason="browser test: run `make docs-test` (needs chromium)")
MODEL_PAGE = "10_scamzi"
MODEL_PAGES = ["10_scamzi", "11_sccompresssa", "12_scsmd", "13_srsavae", "14_sctrans"]


def dom(path: Path) -> str:
    "The page's DOM after scripts ran (MathJax included), from headless Chromium."
    cmd = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--virtual-time-budget=20000", "--dump-dom", path.resolve().as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True).stdout


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = _project_root()
    mj = root / ".book" / "mathjax"
    if not (mj / "tex-chtml-full.js").exists(): pytest.skip("no local MathJax: run `make docs-test`")
    out = tmp_path_factory.mktemp("site")
    book.build(out, root / "nbs", root / "reports", mj, execute=True, only=["03_metrics"])
    book.build(out, root / "nbs", root / "reports", mj, execute=False, only=["03_metrics", *MODEL_PAGES])   # committed outputs
    return out


def test_index_loads_and_links_every_page(site):
    d = dom(site / "index.html")
    assert "<nav" in d and "scattn" in d
    for page in ["03_metrics.html", f"{MODEL_PAGE}.html", "leaderboard.html"]:
        assert f'href="{page}"' in d and (site / page).exists(), page


def test_model_page_typesets_equations_and_shows_figures(site):
    d = dom(site / f"{MODEL_PAGE}.html")
    assert len(re.findall(r"<mjx-container", d)) >= 10, "equations were not typeset by MathJax"
    assert "<mjx-merror" not in d and "data-mjx-error" not in d, "MathJax could not parse an equation"
    body = re.sub(r"<script.*?</script>", "", d, flags=re.S)
    text = re.sub(r"<[^>]+>", "", body)
    assert "$$" not in text, "raw TeX left on the page"
    assert len(re.findall(r'<img[^>]+src="data:image/png', d)) >= 1, "no figures on the model page"


@pytest.mark.parametrize("page", MODEL_PAGES)
def test_every_model_page_shows_a_figure_and_an_exercise(site, page):
    d = dom(site / f"{page}.html")
    assert len(re.findall(r'<img[^>]+src="data:image/png', d)) >= 1, f"{page}: no figure"
    assert "Exercise 1." in d and len(re.findall(r"<details><summary><b>Solution</b>", d)) >= 3, f"{page}: no folded solutions"
