"""Time each pipeline stage separately, in one process (no profiler overhead).

    python benchmarks/stages.py 300              # 300 synthetic articles, wall clock per stage
    python benchmarks/stages.py 300 --profile    # plus a cProfile of the cross-article stage
    python benchmarks/stages.py --corpus DIR --cpu --repeats 3
    PYTHONPATH=other/checkout/lib python benchmarks/stages.py --corpus DIR --cpu --repeats 3

Prints seconds and words/s per stage: load, split, tag, quotes, claims, sentiment, stance,
dates, features (per article), assemble (cross-article: similarity, fingerprints,
reconciliation, timeline), write. ``--cpu`` reads ``time.process_time`` instead of the wall
clock and ``--repeats R`` keeps each stage's minimum over R runs: the least noisy estimate
when other work shares the cores, for comparing two checkouts alternately on one stored
corpus (``--corpus``; a synthetic one is written to a temporary folder otherwise). The
sentiment cache is cleared between runs; other per-process caches stay warm after the first.
"""

import argparse
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import storylens
from storylens import (
    actors,
    bench,
    claims,
    compare,
    pipeline,
    quotes,
    sentences,
    sentiment,
    stance,
    timeline,
)
from storylens.load import read_corpus

PER_ARTICLE = ("split", "tag", "quotes", "claims", "sentiment", "stance", "dates", "features")


def run_once(corpus: Path, clock) -> tuple[dict[str, float], object, list]:
    """One pass over ``corpus``: seconds per stage by ``clock``, the corpus, the results."""
    T: dict[str, float] = defaultdict(float)

    def timed(name, fn, *args, **kw):
        t = clock()
        out = fn(*args, **kw)
        T[name] += clock() - t
        return out

    c = timed("load", read_corpus, corpus)
    gaz = actors.Gazetteer.load()
    sentiment._analyzers()  # TextBlob and VADER loaded outside the timings
    sentiment.score_text.cache_clear()
    results = []
    for d, text, o, p in pipeline.document_items(c.articles):
        s = timed("split", sentences.split_sentences, text)
        m = timed("tag", actors.tag_actors, text, s, gaz)
        q = timed("quotes", quotes.extract_quotes, text, s, m, gaz)
        cl = timed(
            "claims", claims.extract_claims, text, s, mentions=m, quotes=q, default_claimant=o
        )
        se = timed("sentiment", sentiment.actor_sentiment, text, s, m)
        st = timed("stance", stance.actor_stance, text, s, m, q, gazetteer=gaz)
        ev = timed("dates", timeline.resolve_dates, text, s, published=p, doc_id=d, outlet=o)
        ft = timed("features", compare.document_features, d, text, s, mentions=m)
        results.append(
            pipeline.DocResult(
                doc_id=d,
                sentences=s,
                mentions=m,
                quotes=q,
                claims=cl,
                sentiment=se,
                stance=st,
                events=ev,
                features=ft,
                n_words=sentences.count_words(text),
            )
        )
    tb = timed("assemble", pipeline.assemble, c, results)
    timed("write", tb.write, Path(tempfile.mkdtemp()) / "out")
    return T, c, results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", nargs="?", type=int, default=300)
    ap.add_argument("--corpus", type=Path, help="a stored corpus (else a synthetic one)")
    ap.add_argument("--cpu", action="store_true", help="CPU time instead of wall clock")
    ap.add_argument("--repeats", type=int, default=1, help="keep each stage's best of R runs")
    ap.add_argument("--profile", action="store_true", help="cProfile the cross-article stage")
    args = ap.parse_args()
    corpus = args.corpus
    if corpus is None:
        corpus = Path(tempfile.mkdtemp())
        bench.write_corpus(bench.build_articles(args.articles, seed=7), corpus)
    print("storylens from", Path(storylens.__file__).parent)
    clock = time.process_time if args.cpu else time.perf_counter
    best: dict[str, float] = defaultdict(lambda: float("inf"))
    for _ in range(args.repeats):
        T, c, results = run_once(corpus, clock)
        for k, v in T.items():
            best[k] = min(best[k], v)
    words = sum(sentences.count_words(x) for x in c.articles["text"])
    print(f"articles {len(c.articles)} words {words} ({'CPU' if args.cpu else 'wall'} seconds)")
    for k, v in best.items():
        print(f"{k:12s} {v:7.3f}s  {words / v:10.0f} words/s")
    per = sum(best[k] for k in PER_ARTICLE)
    total = sum(best.values())
    print(f"per-article {per:.3f}s; total {total:.3f}s, {words / total:.0f} words/s")
    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.runcall(pipeline.assemble, c, results)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
