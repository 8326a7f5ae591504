"""The house stays clean: every `scattn` module imports only from its own layer or the layers below it, and the import
graph has no cycle. The layers, lowest first (the index's Development section says the same):
foundations <- preprocess <- models <- figures, biology, report <- leaderboard <- cli, bench, book."""
import ast, graphlib
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "scattn"
LAYERS = [
    {"scattn", "scattn.data", "scattn.origins", "scattn.distributions", "scattn.metrics", "scattn.cluster", "scattn.train",
     "scattn.attention"},
    {"scattn.preprocess"},
    {"scattn.models", "scattn.models.baselines", "scattn.models.scamzi", "scattn.models.sccompresssa", "scattn.models.scsmd",
     "scattn.models.srsavae", "scattn.models.sctrans"},
    {"scattn.figures", "scattn.biology", "scattn.report"},
    {"scattn.leaderboard"},
    {"scattn.cli", "scattn.bench", "scattn.book"},
]
RANK = {m: i for i, layer in enumerate(LAYERS) for m in layer}


def module_name(p: Path) -> str:
    return ".".join(p.relative_to(PKG.parent).with_suffix("").parts).removesuffix(".__init__")


def imports(p: Path) -> set[str]:
    "The scattn modules `p` imports anywhere in its body (inside functions too), relative imports resolved."
    mod, out = module_name(p), set()
    pkg = mod.split(".") if p.name == "__init__.py" else mod.split(".")[:-1]
    for n in ast.walk(ast.parse(p.read_text())):
        if isinstance(n, ast.ImportFrom):
            base = n.module or ""
            if n.level: base = ".".join(pkg[:len(pkg) - (n.level - 1)] + ([base] if base else []))
            if base == "scattn": out |= {f"scattn.{a.name}" for a in n.names}
            elif base.startswith("scattn."): out.add(base)
        elif isinstance(n, ast.Import):
            out |= {a.name for a in n.names if a.name.startswith("scattn")}
    return {m if m in RANK else "scattn" for m in out} - {mod}     # a name from the package itself (__version__)


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in PKG.rglob("*.py") if p.name != "_modidx.py"}


def test_every_module_has_a_layer():
    missing = sorted(set(graph()) - set(RANK))
    assert not missing, f"modules with no layer in tests/test_layers.py: {missing}"


def test_imports_only_go_down():
    up = [f"{m} (layer {RANK[m]}) imports {d} (layer {RANK[d]})" for m, ds in graph().items() for d in ds
          if RANK.get(d, 0) > RANK.get(m, 0)]
    assert not up, "imports that go up a layer:\n" + "\n".join(up)


def test_no_import_cycle():
    graphlib.TopologicalSorter(graph()).static_order()      # raises CycleError naming the cycle


def test_the_checker_sees_an_upward_import():
    p = PKG / "preprocess.py"
    assert "scattn.data" in imports(p) and "scattn.report" not in imports(p)
    g = graph(); g["scattn.data"] = g["scattn.data"] | {"scattn.report"}
    assert any(RANK[d] > RANK[m] for m, ds in g.items() for d in ds)
