#!/usr/bin/env bash
# Slow jobs on a lent GPU machine (the `device` tool of this workplace; nothing depends on it): every line of JOBFILE
# is one command, run from the repository root with `scattn` on the path, PARALLEL at a time, longest first as listed.
# Brings back, as $OUT/results.tgz, the report folders that finished (metrics.json or summary.json written last) and
# the selection parts; unfinished jobs are stopped when BUDGET seconds are spent and listed in $OUT/logs.txt.
#
# Prepared here, run there from the repository root:
#   .whl/      wheels of the packages the GPU image lacks (scanpy, anndata, papermill and their kernel; cp312)
#   .gpudata/  the shared datasets (h5ad; `load` checks their content against data/registry.json)
# and, while it runs, reports/ moved aside here so that the working tree fits the tool's 64 MiB.
#   bash tests/gpu_jobs.sh JOBFILE BUDGET PARALLEL        (tests/gpu_reports.sh: one model's reports)
set -u
JOBS=$1; BUDGET=${2:-540}; PARALLEL=${3:-12}; OUT=${OUT:-/tmp/out}
start=$(date +%s)
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
export PYTHONPATH=/tmp/site:$PWD SCATTN_DATA_DIR=$PWD/.gpudata PYTHONUNBUFFERED=1 MPLBACKEND=Agg
export OMP_NUM_THREADS=1 NUMBA_NUM_THREADS=1 MKL_NUM_THREADS=1
python3 -c "import torch, scanpy, papermill, scattn; print('torch', torch.__version__, torch.cuda.get_device_name(0), '| scanpy', scanpy.__version__)" || exit 1
python3 -m ipykernel install --user --name python3 > /dev/null 2>&1
mkdir -p /tmp/bin logs
printf '#!/usr/bin/env bash\nexec python3 -c "import sys; from scattn.cli import main; sys.exit(main(sys.argv[1:]))" "$@"\n' > /tmp/bin/scattn
chmod +x /tmp/bin/scattn; export PATH=/tmp/bin:$PATH
n=0
while IFS= read -r cmd; do
  [ -z "$cmd" ] && continue; n=$((n + 1))
  while [ "$(jobs -rp | wc -l)" -ge "$PARALLEL" ]; do sleep 1; done
  [ $(( $(date +%s) - start )) -ge "$BUDGET" ] && { echo "budget spent before job $n: $cmd"; break; }
  ( t0=$(date +%s); bash -c "$cmd" < /dev/null > "logs/job$n.log" 2>&1; echo "job $n rc $? after $(( $(date +%s) - t0 )) s: $cmd" ) &
done < "$JOBS"
while [ -n "$(jobs -rp)" ] && [ $(( $(date +%s) - start )) -lt "$BUDGET" ]; do sleep 3; done
[ -n "$(jobs -rp)" ] && { echo "budget of $BUDGET s spent: stopping $(jobs -rp | wc -l) jobs"; pkill -f python3; sleep 3; }
wait
for f in logs/job*.log; do echo "== $f"; tail -4 "$f"; done > "$OUT/logs.txt"
{ find reports -name metrics.json -newer "$JOBS" -printf '%h\n'; find reports -name summary.json -newer "$JOBS" -printf '%h\n'
  [ -d reports/sctrans_selection/parts ] && echo reports/sctrans_selection/parts; } | sort -u > "$OUT/finished.txt"
tar czf "$OUT/results.tgz" -T "$OUT/finished.txt" 2>/dev/null
echo "finished: $(wc -l < "$OUT/finished.txt") result folders in $(( $(date +%s) - start )) s"
