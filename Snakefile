# The leaderboard grid: one `scattn report` per (model, dataset[:cells], seed) of scattn.report.grid(), then the table.
#   make leaderboard                                   # = snakemake --cores 2 (finished runs are skipped)
#   snakemake --cores 2 --config models=pca_kmeans,logreg   # a subset of the models
#   snakemake -n                                      # list what would run
# On a SLURM cluster (pip install snakemake-executor-plugin-slurm; not testable here):
#   snakemake --executor slurm --jobs 50 --default-resources slurm_partition=<partition> runtime=120 mem_mb=16000
# GPU jobs on the cluster: add --set-resources report:slurm_extra="'--gres=gpu:1'" and the runs use CUDA (device auto).
from scattn import report

MODELS = [m for m in str(config.get("models", "")).split(",") if m] or None
RUNS = {r["out"]: r for r in report.grid(MODELS)}
METRICS = [out + "/metrics.json" for out in RUNS]
OUT = "reports/{wildcards.model}/{wildcards.dsdir}/seed{wildcards.seed}"
REPORT = ("scattn report --model {params.run[model]} --dataset {params.run[dataset]} --cells {params.run[cells]} "
          "--seed {params.run[seed]} --k {params.run[k]} --out-dir " + OUT + " --no-html > {log} 2>&1")

wildcard_constraints:
    seed=r"\d+"

rule all:        # every run, and the table (Snakemake would not rerun a missing input of an existing table)
    input: METRICS, "reports/LEADERBOARD.md"

rule leaderboard:
    input: METRICS
    output: "reports/LEADERBOARD.md", "reports/leaderboard.csv", "reports/leaderboard.png"
    shell: "scattn leaderboard reports --readme README.md"

rule report:
    output: "reports/{model}/{dsdir}/seed{seed}/metrics.json"
    params: run=lambda w: RUNS[f"reports/{w.model}/{w.dsdir}/seed{w.seed}"]
    threads: 1
    resources: mem_mb=8000
    log: "reports/{model}/{dsdir}/seed{seed}/report.log"
    shell: REPORT
