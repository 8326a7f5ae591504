#!/usr/bin/env bash
# Slow jobs on this project's CPU machines (2 cores): every line of JOBFILE is one command, run from the repository
# root with .venv's `scattn` on the path, PARALLEL at a time (default 2), one thread each, in the order listed.
# A line written for a lent GPU (`--device cuda`, tests/gpu/*.jobs) runs with `--device cpu`. Each job logs to
# logs-cpu/jobN.log; a line "job N rc R after S s: CMD" per finished job goes to logs-cpu/done.txt.
#   bash tests/cpu_jobs.sh JOBFILE [PARALLEL]
# A report that is stopped part-way leaves its folder emptied: `git checkout -- reports/<model>/<set>` restores it.
set -u
JOBS=$1; PARALLEL=${2:-2}
export OMP_NUM_THREADS=1 NUMBA_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
export PATH=$PWD/.venv/bin:$PATH SCATTN_DATA_DIR=${SCATTN_DATA_DIR:-$PWD/../shared/data}
mkdir -p logs-cpu
n=0
while IFS= read -r cmd; do
  [ -z "$cmd" ] && continue; n=$((n + 1)); cmd=${cmd//--device cuda/--device cpu}
  while [ "$(jobs -rp | wc -l)" -ge "$PARALLEL" ]; do sleep 5; done
  ( t0=$(date +%s); bash -c "$cmd" < /dev/null > "logs-cpu/job$n.log" 2>&1
    echo "job $n rc $? after $(( $(date +%s) - t0 )) s: $cmd" >> logs-cpu/done.txt ) &
done < "$JOBS"
wait
