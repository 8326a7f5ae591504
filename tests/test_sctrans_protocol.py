"""SCTrans's selection protocol (chapter 14, "How the defaults were chosen"): choices are made on a development set
that no reported SCTrans run scores, by a rule fixed in tests/select_sctrans.py, and the defaults are what it chose."""
import json, sys
from pathlib import Path
import pandas as pd

from scattn import leaderboard
from scattn.models.sctrans import SCTransConfig

sys.path.insert(0, str(Path(__file__).parent))
import select_sctrans as sel  # noqa: E402

ROOT = Path(__file__).parents[1]
DECLARED = dict(contrastive=True, ctrst_form="supcon", mask_ratio=0.25, eval_loss="bce", balance="none")   # defaults when the candidates were declared


def test_development_set_is_never_reported_for_sctrans():
    assert sel.DEV_DATASET not in {d for d, _ in leaderboard.ANNOTATION_SETS}
    hits = [p for p in (ROOT / "reports").rglob("metrics.json")
            if (r := json.loads(p.read_text()))["model"].startswith("sctrans") and r["dataset"] == sel.DEV_DATASET]
    assert not hits, hits


def test_defaults_are_what_the_rule_chose():
    table = pd.read_csv(ROOT / "reports/sctrans_selection" / f"{sel.DEV_DATASET}.csv")
    assert set(table.candidate) == set(sel.CANDIDATES) and set(table.seed) == set(sel.DEV_SEEDS)
    chosen = {**DECLARED, **sel.CANDIDATES[sel.choose(table)]}
    cfg = SCTransConfig()
    assert {k: getattr(cfg, k) for k in chosen} == chosen


def test_rule_keeps_the_default_unless_clearly_beaten():
    t = pd.DataFrame(dict(candidate=["default", "x", "y"], seed=[100] * 3, dev_f1_macro=[0.80, 0.804, 0.70]))
    assert sel.choose(t) == "default"
    t.loc[1, "dev_f1_macro"] = 0.81
    assert sel.choose(t) == "x"
