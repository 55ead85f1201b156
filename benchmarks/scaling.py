"""Run the benchmark at several corpus sizes and write ``benchmarks/results.md``.

    python benchmarks/scaling.py                      # 1000 2000 4000 8000 articles
    python benchmarks/scaling.py --sizes 500 1000 --baseline-sample 20 --workers 2

Each size runs in a fresh process (``python -m storylens bench``) so that peak memory is that
run's alone; the last stdout line of each run is its JSON result. The table gets one row per
size, plus the machine (cores, RAM, Python) and the time of the run; cost is linear when
``seconds / words`` stays flat as the corpus grows.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_one(n: int, *, baseline_sample: int, workers: int | None, seed: int) -> dict:
    cmd = [sys.executable, "-m", "storylens", "bench", "--articles", str(n),
           "--baseline-sample", str(baseline_sample), "--seed", str(seed)]  # fmt: skip
    if workers:
        cmd += ["--workers", str(workers)]
    env = dict(os.environ, STORYLENS_PROGRESS="0")
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"bench --articles {n} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    for line in lines[:-1]:
        print(f"  {line}", flush=True)
    result = json.loads(lines[-1])
    pss = re.search(r"summed PSS peak (\d+) MB", proc.stdout + proc.stderr)
    result["peak_pss_mb"] = float(pss.group(1)) if pss else None
    return result


def render(rows: list[dict], machine: dict, args) -> str:
    out = [
        "# Scaling: the tables pipeline on synthetic corpora",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} with `python benchmarks/scaling.py "
        f"--sizes {' '.join(map(str, args.sizes))} --baseline-sample {args.baseline_sample}`"
        + (f" --workers {args.workers}`" if args.workers else "")
        + " (each size in a fresh `python -m storylens bench` process).",
        "",
        f"Machine: {machine['cores']} cores, {machine['ram_gb']} GiB RAM, Python "
        f"{machine['python']}, {machine['platform']}.",
        "",
        "| articles | words | seconds | words/s | words/s per core | peak MB (RSS) "
        "| peak MB (PSS) | µs per word | baseline words/s | speedup |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        out.append(
            f"| {r['articles']:,} | {r['words']:,} | {r['seconds']:.1f} | {r['words_per_s']:,.0f} "
            f"| {r['words_per_s'] / machine['cores']:,.0f} | {r['peak_rss_mb']:,.0f} "
            f"| {'' if r.get('peak_pss_mb') is None else format(r['peak_pss_mb'], ',.0f')} "
            f"| {1e6 * r['seconds'] / r['words']:.1f} | {r['baseline_words_per_s']:,.0f} "
            f"| {r['speedup']:.1f} |"
        )
    out += [
        "",
        "`seconds`: wall clock of load + analyze + write (the `tables` command's path). "
        "`peak MB`: peak of the summed RSS of the bench process and all its workers (psutil, "
        "20 ms samples), and of their summed PSS (shared pages counted once). Linear cost means a flat `µs per word` column. See "
        "`benchmarks/README.md` for the method.",
        "",
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000])
    ap.add_argument("--baseline-sample", type=int, default=50)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default=str(HERE / "results.md"))
    args = ap.parse_args(argv)

    from storylens.bench import machine_info

    machine = machine_info()
    rows = []
    for n in args.sizes:
        print(f"scaling: {n} articles ...", flush=True)
        rows.append(run_one(n, baseline_sample=args.baseline_sample, workers=args.workers,
                            seed=args.seed))  # fmt: skip
        print(f"scaling: {json.dumps(rows[-1])}", flush=True)
        Path(args.out).write_text(render(rows, machine, args), encoding="utf-8")
    print(f"scaling: wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
