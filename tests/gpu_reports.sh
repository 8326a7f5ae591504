#!/usr/bin/env bash
# One model's reports on a lent GPU machine: `scattn report --model M --dataset D --seed S --device cuda --no-html` for
# every (dataset, seed), all at once, through tests/gpu_jobs.sh (which sets the machine up and brings the finished
# report folders back as $OUT/results.tgz).
#   bash tests/gpu_reports.sh MODEL SECONDS "DATASET ..." "SEED ..."
set -u
MODEL=${1:-scsmd_plus}; BUDGET=${2:-540}; DATASETS=${3:-"baron_human_subsample zeisel pbmc_citeseq_49adt pbmc_10x_4k human_kidney cbmc_citeseq"}
SEEDS=${4:-"0 1 2"}
jobs=$(mktemp /tmp/gpu_reports.XXXX.jobs)
for d in $DATASETS; do for s in $SEEDS; do
  echo "scattn report --model $MODEL --dataset $d --seed $s --device cuda --no-html"
done; done > "$jobs"
exec bash "$(dirname "$0")/gpu_jobs.sh" "$jobs" "$BUDGET" "$(wc -l < "$jobs")"
