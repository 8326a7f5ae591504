"""Helpers shared by the benchmark scripts (they print; nothing here asserts)."""
import time
import torch


def matmul_gflops(n=2000, reps=10):
    "GFLOP/s of a plain fp32 n x n matmul on this machine, now: the yardstick for a training loop."
    a = torch.randn(n, n); a @ a
    t = time.perf_counter()
    for _ in range(reps): a @ a
    return reps * 2 * n ** 3 / (time.perf_counter() - t) / 1e9


def train_flops(model, loss_fn, batch):
    "FLOPs of one forward + backward pass of `loss_fn(batch)` counted by torch's FlopCounterMode."
    from torch.utils.flop_counter import FlopCounterMode
    with FlopCounterMode(display=False) as fc:
        loss_fn(batch).backward()
    model.zero_grad()
    return fc.get_total_flops()
