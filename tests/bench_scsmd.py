"""Benchmark (prints, asserts nothing): scSMD's network speed and what a full fit costs.
Prints the encoder's images/s (forward, eval mode), the training step's images/s and achieved GFLOP/s (forward +
backward, FLOPs counted by torch's FlopCounterMode) next to a plain fp32 matmul's GFLOP/s measured in the same run,
with and without the multi-dilation gates, the time of a stage-1 epoch with one summed step per batch against the
official code's K steps per batch, and the full default fit on pbmc_10x_4k that these imply (or, with --fit, runs it).
Run: SCATTN_DATA_DIR=../shared/data .venv/bin/python tests/bench_scsmd.py [--batches 5] [--fit] [--device cuda] [--seed 0 1]"""
import argparse, os, time, warnings
import torch

from scattn.cluster import fcm_memberships
from scattn.models.scsmd import SCSMD, SCSMDConfig, stage1_loss
from benchutil import matmul_gflops, train_flops


def rate(fn, n_batches, bs, dev):
    sync = torch.cuda.synchronize if dev.type == "cuda" else (lambda: None)
    fn(); sync(); t = time.perf_counter()
    for _ in range(n_batches): fn()
    sync()
    return n_batches * bs / (time.perf_counter() - t)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batches", type=int, default=5)
    ap.add_argument("--fit", action="store_true", help="run the full default fit on pbmc_10x_4k (long on a CPU)")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--seed", type=int, nargs="+", default=[0])
    ap.add_argument("--dataset", default="pbmc_10x_4k")
    ap.add_argument("--no-bench", action="store_true", help="only the fits")
    ap.add_argument("--variant", default="scsmd", help="registered scSMD variant to fit: scsmd, scsmd_nogate, scsmd_counts")
    a = ap.parse_args()
    dev = torch.device(a.device)
    warnings.filterwarnings("ignore")
    torch.manual_seed(0)
    print(f"{dev}; {torch.get_num_threads()} CPU threads; CPU fp32 matmul {matmul_gflops():.1f} GFLOP/s")
    K, N, bs = 8, 4271, 100                                      # pbmc_10x_4k: 4271 cells, K = 8
    for gate in (() if a.no_bench else (True, False)):
        cfg = SCSMDConfig(n_clusters=K, use_mdsab=gate)
        m = SCSMD(cfg, K).to(dev); x = torch.rand(bs, 1, 28, 28, device=dev) * 3
        opt = torch.optim.Adam(m.parameters())
        m.eval()
        with torch.no_grad(): enc = rate(lambda: m.encoder(x), a.batches, bs, dev)
        m.train()
        def step():
            l = (m.decoder(m.encoder(x)) - x).pow(2).mean(); opt.zero_grad(); l.backward(); opt.step()
        tr = rate(step, a.batches, bs, dev)
        flops = train_flops(m, lambda b: (m.decoder(m.encoder(b)) - b).pow(2).mean(), x) / bs
        mu = torch.randn(K, 10, device=dev)
        def s1_summed():
            o = m(x); om = fcm_memberships(o["u"].detach(), mu).pow(1.5)
            l = stage1_loss(x.flatten(1), o["y"], o["u"], None, om, mu).sum(); opt.zero_grad(); l.backward(); opt.step()
        s1 = rate(s1_summed, a.batches, bs, dev)
        ep = N / tr
        est = cfg.pretrain_epochs * ep + cfg.stage1_epochs * N / s1 + cfg.stage2_epochs * ep
        print(f"gate {'on ' if gate else 'off'}: encoder {enc:.0f} images/s (eval); training step {tr:.0f} images/s, "
              f"{flops / 1e6:.0f} MFLOP/image fwd+bwd = {flops * tr / 1e9:.1f} GFLOP/s; "
              f"stage-1 epoch {N / s1:.0f} s summed vs ~{K * N / s1:.0f} s with the code's K={K} steps per batch; "
              f"default fit on {N} cells ~{est / 60:.0f} min")
    if a.fit and os.environ.get("SCATTN_DATA_DIR"):
        from scattn.data import load
        from scattn.metrics import evaluate
        for seed in a.seed:
            adata = load(a.dataset); k = int(adata.obs["cell_type"].nunique())
            from scattn import models
            r = models.get(a.variant).fit(adata, SCSMDConfig(n_clusters=k), seed=seed, device=a.device, progress=False)
            sc = evaluate(adata.obs["cell_type"], adata.obs[a.variant])
            print(f"full default fit of {a.variant} on {a.dataset} (seed {seed}, {a.device}): {r.seconds:.0f} s; "
                  + ", ".join(f"{k_}={v:.3f}" for k_, v in sc.items() if isinstance(v, float)), flush=True)


if __name__ == "__main__":
    main()
