"""The course's shape: the index and the README written from it, every chapter's objectives, takeaways and
exercises with solutions, results cells whose committed outputs match a fresh run, and uniform config source tags."""
import inspect, re
from pathlib import Path
import nbformat, pytest
from scattn import book, models

ROOT = Path(__file__).resolve().parents[1]
NBS = ROOT / "nbs"
MODEL_CHAPTERS = ["10_scamzi", "11_sccompresssa", "12_scsmd", "13_srsavae", "14_sctrans"]
FOUNDATIONS = ["00_data", "01_preprocess", "02_distributions", "03_metrics", "04_cluster", "05_train", "06_models",
               "09_baselines"]
TAGS = ["paper", "code", "lineage", "assumption", "decision", "departure", "ablation", "option", "setting", "preset"]


def read(name): return nbformat.read(NBS / f"{name}.ipynb", as_version=4)
def md(nb): return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
def kind(nb, k): return [c for c in nb.cells if c.cell_type == "code" and k in book.directives(c)]
def section(text, title):
    "The markdown from a `## title` heading to the next level-2 heading."
    m = re.search(rf"^## {re.escape(title)}\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    return m.group(1) if m else None
def bullets(text): return re.findall(r"^- ", text or "", re.M)


def test_readme_is_written_from_the_index():
    assert (NBS / "index.ipynb").exists()
    assert (ROOT / "README.md").read_text() == book.readme_text(NBS / "index.ipynb"), \
        "README.md is out of date: run `make readme` (python -m scattn.book --readme)"
    table = book.course_map(NBS, ROOT / "reports" / "chapter_times.csv")
    for name in FOUNDATIONS + MODEL_CHAPTERS:
        row = table[table.chapter.str.contains(f"({name}.ipynb)", regex=False)]
        assert len(row) == 1 and row.learn.iloc[0] and row.read.iloc[0], name


@pytest.mark.parametrize("name", MODEL_CHAPTERS)
def test_model_chapter_shape(name):
    nb = read(name); text = md(nb)
    heads = [h for h in re.findall(r"^## (.+)$", text, re.M)]
    for h in ["Motivation", "Learning objectives", "Results", "Key takeaways", "Exercises"]:
        assert h in heads, f"{name}: no '## {h}'"
    assert heads.index("Motivation") < heads.index("Learning objectives") < heads.index("Results") \
        < heads.index("Key takeaways") < heads.index("Exercises")
    assert 2 <= len(bullets(section(text, "Learning objectives"))) <= 4
    assert 3 <= len(bullets(section(text, "Key takeaways"))) <= 5
    assert "<details>" in text and "depart" in text, f"{name}: the departures are not in a folded block"
    assert "What to expect" not in text, f"{name}: the measurement log belongs in reports/, not in the chapter"
    res = kind(nb, book.RESULTS)
    assert len(res) >= 3 and all(c.outputs for c in res), f"{name}: results cells without committed outputs"
    assert any("results_table" in c.source for c in res) and any("figure(" in c.source for c in res)
    sols = kind(nb, book.SOLUTION)
    assert len(sols) >= 3 and all(c.metadata.get("jupyter", {}).get("source_hidden") for c in sols)
    assert "Predict, then measure" in section(text, "Exercises")


@pytest.mark.parametrize("name", FOUNDATIONS)
def test_foundation_chapter_shape(name):
    nb = read(name); text = md(nb)
    assert len(bullets(section(text, "Learning objectives"))) >= 2, name
    assert len(bullets(section(text, "Key takeaways"))) >= 2, name
    assert len(kind(nb, book.SOLUTION)) >= 2, name


@pytest.mark.parametrize("name", sorted(p.stem for p in NBS.glob("*.ipynb")
                                        if kind(nbformat.read(p, as_version=4), book.RESULTS)))
def test_committed_results_are_current(name):
    stale = book.stale_results(NBS / f"{name}.ipynb")
    assert not stale, f"{name}: " + "; ".join(stale) + f" (refresh: python -m scattn.book --refresh nbs/{name}.ipynb)"


@pytest.mark.parametrize("model", ["scamzi", "sccompresssa", "scsmd", "srsavae", "sctrans"])
def test_config_fields_carry_a_source_tag(model):
    src = inspect.getsource(models.get(model).Config)
    fields = [l for l in src.splitlines() if re.match(r"    \w+\s*:[^=]+=", l)]
    assert len(fields) > 5
    bad = [l.strip() for l in fields if not re.search(r"#\s*\[(" + "|".join(TAGS) + r")\b", l)]
    assert not bad, f"{model}: fields without a legend tag: {bad}"


def test_attention_chapter_shape():
    nb = read("15_attention"); text = md(nb)
    heads = re.findall(r"^## (.+)$", text, re.M)
    for h in ["Motivation", "Learning objectives", "Conclusion", "Key takeaways", "Exercises"]:
        assert h in heads, f"15_attention: no '## {h}'"
    res = kind(nb, book.RESULTS)
    assert len(res) >= 6 and all(c.outputs for c in res)
    assert sum(any("image/png" in o.get("data", {}) for o in c.outputs) for c in res) >= 3, "figures not committed"
    assert len(kind(nb, book.SOLUTION)) >= 3
