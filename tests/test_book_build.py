"""The book builds in CI: one chapter executed (the executor honours `#| eval: false` and skips the export call),
the model chapters rendered from their committed outputs, and the index from nbs/index.ipynb. Each model page shows
a figure and a folded exercise solution, and no page shows nbdev's directives."""
import re
from pathlib import Path
import pytest
from scattn import book

ROOT = Path(__file__).resolve().parents[1]
MODEL_PAGES = ["10_scamzi", "11_sccompresssa", "12_scsmd", "13_srsavae", "14_sctrans"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    with pytest.warns(UserWarning, match="MathJax"):
        book.build(out, ROOT / "nbs", ROOT / "reports", execute=True, only=["03_metrics"])
        book.build(out / "models", ROOT / "nbs", ROOT / "reports", execute=False, only=MODEL_PAGES)
    return out


def test_executed_chapter_reads_like_a_chapter(site):
    html = (site / "03_metrics.html").read_text()
    assert "#| " not in html and "default_exp" not in html, "nbdev directives shown on the page"
    assert "<details><summary><b>Solution</b>" in html
    assert "ARI 1.00, NMI 1.00" in html, "the executed solution's printed output is not on the page"


def test_index_is_the_course_map(site):
    html = (site / "index.html").read_text()
    assert "The reading path" in html and "03_metrics.html" in html
    assert "<table" in html, "the course map table is missing"


@pytest.mark.parametrize("page", MODEL_PAGES)
def test_model_page_has_a_figure_and_a_folded_solution(site, page):
    html = (site / "models" / f"{page}.html").read_text()
    assert len(re.findall(r'<img[^>]+src="data:image/png', html)) >= 1, "no committed figure on the page"
    assert len(re.findall(r"<details><summary><b>Solution</b>", html)) >= 3
    assert "Where we depart" in html and "#| " not in html
