"""Helpers shared by the benchmark scripts (they print; nothing here asserts)."""
from scattn.bench import matmul_gflops   # noqa: F401  (the yardstick, shared with python -m scattn.bench)


def train_flops(model, loss_fn, batch):
    "FLOPs of one forward + backward pass of `loss_fn(batch)` counted by torch's FlopCounterMode."
    from torch.utils.flop_counter import FlopCounterMode
    with FlopCounterMode(display=False) as fc:
        loss_fn(batch).backward()
    model.zero_grad()
    return fc.get_total_flops()


def upsert_csv(path, rows:list[dict], key:list[str]):
    "Write `rows` into the CSV at `path`, replacing earlier rows with the same `key` values (rows of a rerun win)."
    import pandas as pd
    from pathlib import Path
    path = Path(path); path.parent.mkdir(parents=True, exist_ok=True)
    new = pd.DataFrame(rows)
    old = pd.read_csv(path) if path.exists() else pd.DataFrame(columns=new.columns)
    old = old[~old.set_index(key).index.isin(new.set_index(key).index)]
    pd.concat([old, new]).sort_values(key).to_csv(path, index=False)
