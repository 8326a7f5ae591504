"""Every relative link and image in the repository's notebooks (markdown cells) and Markdown files resolves inside
the repository, so a learner who clones it can follow them; links to outside documents must be web addresses."""
import json, re, subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\]\(([^)\s]+)\)|<img[^>]*\ssrc=\"([^\"]+)\"")


def documents():
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    return [f for f in files if f.endswith((".md", ".ipynb")) and (ROOT / f).is_file()]


def markdown_of(path: Path) -> str:
    if path.suffix != ".ipynb": return path.read_text()
    nb = json.loads(path.read_text())
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def test_links_resolve_inside_the_repository():
    broken, checked = [], 0
    for rel in documents():
        path = ROOT / rel
        for m in LINK.finditer(markdown_of(path)):
            link = m.group(1) or m.group(2)
            if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", link) or link.startswith("#"): continue   # web address, anchor, data:
            checked += 1
            target = (path.parent / link.split("#")[0]).resolve()
            if not target.exists() or ROOT not in target.parents and target != ROOT: broken.append(f"{rel}: {link}")
    assert not broken, "links that do not resolve inside the repository:\n" + "\n".join(broken)
    print(f"{checked} relative links checked")


def test_the_checker_finds_a_broken_link(tmp_path):
    page = tmp_path / "p.md"; page.write_text("see [the spec](../shared/specs/common.md) and [ok](p.md)")
    found = [m.group(1) for m in LINK.finditer(markdown_of(page))]
    assert found == ["../shared/specs/common.md", "p.md"]
    assert not (tmp_path / found[0]).resolve().exists()


def test_documents_named_in_the_notebooks_are_in_the_repository():
    "A notebook (text or code) that names a Markdown document names one this repository has."
    have = {Path(f).name for f in documents()} | set(documents())
    missing = []
    for rel in documents():
        if not rel.endswith(".ipynb"): continue
        nb = json.loads((ROOT / rel).read_text())
        text = "\n".join("".join(c["source"]) for c in nb["cells"])
        for name in set(re.findall(r"[\w./-]*[\w-]+\.md\b", text)):
            if name not in have and Path(name).name not in have: missing.append(f"{rel}: {name}")
    assert not missing, "documents named but not in the repository:\n" + "\n".join(sorted(missing))
