"""Helpers shared by the benchmark scripts (they print; nothing here asserts)."""
import time
import torch
from scattn.bench import matmul_gflops   # noqa: F401  (the yardstick, shared with python -m scattn.bench)


def train_flops(model, loss_fn, batch):
    "FLOPs of one forward + backward pass of `loss_fn(batch)` counted by torch's FlopCounterMode."
    from torch.utils.flop_counter import FlopCounterMode
    with FlopCounterMode(display=False) as fc:
        loss_fn(batch).backward()
    model.zero_grad()
    return fc.get_total_flops()
