#!/usr/bin/env bash
# The slow deep-model reports on a lent GPU machine (the `device` tool of this workplace; nothing depends on it).
# Runs `scattn report --model M --dataset D --seed S --device cuda --no-html` for every (dataset, seed) at once and
# brings back the report folders as one archive; unfinished runs are left out and listed in the log.
#
# Prepared here, run there from the repository root:
#   .whl/      wheels of the packages the GPU image lacks (scanpy, anndata, papermill and their kernel; cp312)
#   .gpudata/  the shared datasets (h5ad; `load` checks their content against data/registry.json)
# and, while it runs, reports/ moved aside here so that the working tree fits the tool's 64 MiB.
#   bash tests/gpu_reports.sh MODEL SECONDS "DATASET ..." "SEED ..."
set -u
MODEL=${1:-scsmd_plus}; BUDGET=${2:-540}; DATASETS=${3:-"baron_human_subsample zeisel pbmc_citeseq_49adt pbmc_10x_4k human_kidney cbmc_citeseq"}
SEEDS=${4:-"0 1 2"}; OUT=${OUT:-/tmp/out}
start=$(date +%s)
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
export PYTHONPATH=/tmp/site:$PWD SCATTN_DATA_DIR=$PWD/.gpudata PYTHONUNBUFFERED=1 MPLBACKEND=Agg
export OMP_NUM_THREADS=1 NUMBA_NUM_THREADS=1 MKL_NUM_THREADS=1
python3 -c "import torch, scanpy, papermill, scattn; print('torch', torch.__version__, torch.cuda.get_device_name(0), '| scanpy', scanpy.__version__)" || exit 1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
mkdir -p logs
for d in $DATASETS; do for s in $SEEDS; do
  ( t0=$(date +%s)
    python3 -c 'import sys; from scattn.report import main; sys.exit(main(sys.argv[1:]))' report --model "$MODEL" \
      --dataset "$d" --seed "$s" --device cuda --no-html > "logs/$MODEL-$d-$s.log" 2>&1
    echo "$MODEL $d seed $s: rc $? after $(( $(date +%s) - t0 )) s: $(grep -h "seed $s:" logs/$MODEL-$d-$s.log | tail -1)" ) &
done; done
# stop whatever is still running when the budget is spent, so that the finished reports still come back
while [ -n "$(jobs -r)" ] && [ $(( $(date +%s) - start )) -lt "$BUDGET" ]; do sleep 5; done
[ -n "$(jobs -r)" ] && { echo "budget of $BUDGET s spent: stopping $(jobs -r | wc -l) runs"; pkill -f "scattn.report" ; sleep 3; }
wait
for f in logs/*.log; do echo "== $f"; tail -3 "$f"; done > "$OUT/logs.txt"
# only finished runs (metrics.json written last) travel back
find reports -name metrics.json -printf '%h\n' | sort > "$OUT/finished.txt"
tar czf "$OUT/reports.tgz" -T "$OUT/finished.txt" 2>/dev/null
echo "finished: $(wc -l < "$OUT/finished.txt") runs in $(( $(date +%s) - start )) s"
