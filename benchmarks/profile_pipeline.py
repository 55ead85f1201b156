"""Profile the tables pipeline on a synthetic corpus (single process, cProfile).

    python benchmarks/profile_pipeline.py --articles 200 [--top 25] [--out prof.pstats]

Prints wall time per phase (load, per-article stage, cross-article stage, write), then the
cProfile cost summed per storylens module (own time of the module's functions) and the top
functions by cumulative and by own time, so each module's owner sees where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--out", default=None, help="also save the raw pstats here")
    args = ap.parse_args(argv)

    from storylens import bench
    from storylens.load import read_corpus
    from storylens.pipeline import assemble, document_items, run_documents

    tmp = Path(tempfile.mkdtemp(prefix="storylens-prof-"))
    arts = bench.build_articles(args.articles, seed=args.seed)
    bench.write_corpus(arts, tmp / "corpus")
    prof = cProfile.Profile()
    times = {}
    prof.enable()
    t = time.perf_counter()
    corpus = read_corpus(tmp / "corpus")
    times["load"] = time.perf_counter() - t
    t = time.perf_counter()
    items = document_items(corpus.articles)
    results = run_documents(items, workers=1, show_progress=False)
    times["per-article"] = time.perf_counter() - t
    t = time.perf_counter()
    tables = assemble(corpus, results)
    times["cross-article"] = time.perf_counter() - t
    t = time.perf_counter()
    tables.write(tmp / "tables")
    times["write"] = time.perf_counter() - t
    prof.disable()
    words = int(tables.articles["n_words"].sum())
    total = sum(times.values())
    print(
        f"{len(tables.articles)} articles, {words} words, {total:.2f}s under cProfile "
        f"({words / total:,.0f} words/s, profiler overhead included)"
    )
    for k, v in times.items():
        print(f"  {k:14s} {v:8.2f}s  {v / total:6.1%}")
    if args.out:
        prof.dump_stats(args.out)

    st = pstats.Stats(prof)
    per_module: dict[str, float] = defaultdict(float)
    for (file, _line, _fn), (_cc, _nc, tt, _ct, _callers) in st.stats.items():
        if "/storylens/" in file:
            key = "storylens." + file.rsplit("/storylens/", 1)[1].removesuffix(".py")
        elif "site-packages/" in file:
            key = file.split("site-packages/", 1)[1].split("/", 1)[0]
        elif file.startswith("~") or file.startswith("<"):
            key = "builtins (re, str, ...)"
        else:
            key = "stdlib:" + Path(file).stem
        per_module[key] += tt
    print("\nown time by module (s):")
    for k, v in sorted(per_module.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"  {v:8.2f}  {k}")
    # cumulative time of each storylens stage entry point
    print("\ncumulative time of storylens functions (s):")
    rows = []
    for (file, line, fn), (_cc, nc, _tt, ct, _callers) in st.stats.items():
        if "/storylens/" in file:
            mod = file.rsplit("/storylens/", 1)[1].removesuffix(".py")
            rows.append((ct, nc, f"{mod}.{fn}:{line}"))
    for ct, nc, name in sorted(rows, reverse=True)[: args.top]:
        print(f"  {ct:8.2f}  {nc:8d} calls  {name}")
    print("\ntop functions by own time:")
    st.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
