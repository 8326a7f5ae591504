# The leaderboard grid: one `scattn report` per (model, dataset[:cells], seed) of scattn.leaderboard.grid(), then the table.
#   make leaderboard                                   # = snakemake --cores 2 (finished runs are skipped)
#   snakemake --cores 2 --config models=pca_kmeans,logreg   # a subset of the models
#   snakemake -n                                      # list what would run
#   snakemake --cores 16 --resources gpu=1            # one machine with one GPU: deep-model jobs take turns on it
# On a SLURM cluster (pip install snakemake-executor-plugin-slurm; not testable here):
#   snakemake --executor slurm --jobs 50 --default-resources slurm_partition=<partition> runtime=120 mem_mb=16000
# GPU jobs on the cluster: the deep models' jobs ask for resources gpu=1; map it to your scheduler, e.g.
#   --set-resources report:slurm_extra="'--gres=gpu:1'" (the runs use CUDA when they see it: device auto).
from scattn import leaderboard, models, report

MODELS = [m for m in str(config.get("models", "")).split(",") if m] or None
RUNS = {r["out"]: r for r in leaderboard.grid(MODELS)}
METRICS = [out + "/metrics.json" for out in RUNS]
DEEP = {n for n, i in models.MODELS.items() if i.module != "scattn.models.baselines"}   # the neural models
OUT = "reports/{wildcards.model}/{wildcards.dsdir}/seed{wildcards.seed}"
# Snakemake sets OMP/MKL/OpenBLAS threads from `threads`, not numba's (UMAP, neighbours): set it the same way.
REPORT = ("export NUMBA_NUM_THREADS={threads} OMP_NUM_THREADS={threads} MKL_NUM_THREADS={threads}; "
          "scattn report --model {params.run[model]} --dataset {params.run[dataset]} --cells {params.run[cells]} "
          "--seed {params.run[seed]} --k {params.run[k]} --out-dir " + OUT + " --no-html > {log} 2>&1")

wildcard_constraints:
    seed=r"\d+"

localrules: all, leaderboard     # the table and README.md are rewritten on the submitting machine, never on a node

rule all:        # every run, and the table (Snakemake would not rerun a missing input of an existing table)
    input: METRICS, "reports/LEADERBOARD.md"

rule leaderboard:
    input: METRICS
    output: "reports/LEADERBOARD.md", "reports/leaderboard.csv", "reports/leaderboard.png"
    shell: "scattn leaderboard reports && python -m scattn.book --refresh && python -m scattn.book --readme"

rule report:
    output: "reports/{model}/{dsdir}/seed{seed}/metrics.json"
    params: run=lambda w: RUNS[f"reports/{w.model}/{w.dsdir}/seed{w.seed}"]
    threads: 1
    resources:
        mem_mb=8000,
        gpu=lambda w: int(w.model in DEEP)
    log: "reports/{model}/{dsdir}/seed{seed}/report.log"
    shell: REPORT
