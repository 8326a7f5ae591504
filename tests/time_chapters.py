"""Benchmark (prints, asserts nothing): how long each chapter takes to run top to bottom, as a learner runs it.
Each foundations and model notebook in nbs/ is run alone with `nbdev_test --path` (the same cells CI runs), one
after another, with the threads given (default 2), and timed end to end (kernel start included). Writes
reports/chapter_times.csv, which the course map in nbs/index.ipynb reads (`scattn.book.course_map`).
Run: .venv/bin/python tests/time_chapters.py [--only 10_scamzi ...] [--threads 2]"""
import argparse, os, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "reports" / "chapter_times.csv"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*", default=None)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    from benchutil import upsert_csv
    env = {**os.environ, "OMP_NUM_THREADS": str(a.threads), "NUMBA_NUM_THREADS": str(a.threads)}
    nbdev_test = Path(sys.executable).parent / "nbdev_test"
    rows = []
    for p in sorted((ROOT / "nbs").glob("[01]*.ipynb")):
        if a.only and p.stem not in a.only: continue
        t0 = time.perf_counter()
        r = subprocess.run([str(nbdev_test), "--path", str(p)], cwd=ROOT, env=env, capture_output=True, text=True)
        sec = time.perf_counter() - t0
        rows.append(dict(notebook=p.name, seconds=round(sec, 1), threads=a.threads, ok=r.returncode == 0))
        print(f"{p.name:24s} {sec:7.1f} s  {'ok' if r.returncode == 0 else 'FAILED'}", flush=True)
    upsert_csv(OUT, rows, ["notebook"])
    print(OUT)


if __name__ == "__main__":
    main()
