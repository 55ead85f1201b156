"""CPU seconds per pipeline stage, one process, best of several runs (for A/B on a busy host).

    python benchmarks/cpu_stages.py CORPUS_DIR [REPEATS]
    PYTHONPATH=other/checkout/lib python benchmarks/cpu_stages.py CORPUS_DIR 3   # the other code

Unlike ``stages.py`` (wall clock, one run), this reads ``time.process_time`` around each stage
and keeps each stage's minimum over ``REPEATS`` runs: the least noisy estimate when other work
shares the cores. Run two checkouts alternately on the same stored corpus (``storylens bench``
with ``STORYLENS_BENCH_KEEP=1``, or ``bench.write_corpus``) to compare them. The sentiment
cache is cleared between runs; other per-process caches stay warm after the first.
"""

import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import storylens
from storylens import (
    actors,
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


def main() -> None:
    corpus = Path(sys.argv[1])
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    print("storylens from", Path(storylens.__file__).parent, file=sys.stderr)
    clock = time.process_time
    best: dict[str, float] = defaultdict(lambda: float("inf"))
    for _ in range(repeats):
        T: dict[str, float] = defaultdict(float)

        def timed(name, fn, *args, _T=T, **kw):
            t = clock()
            out = fn(*args, **kw)
            _T[name] += clock() - t
            return out

        c = timed("load", read_corpus, corpus)
        gaz = actors.Gazetteer.load()
        sentiment._analyzers()
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
        for k, v in T.items():
            best[k] = min(best[k], v)
    for k, v in best.items():
        print(f"{k:12s} {v:7.3f} s CPU")
    per = sum(best[k] for k in PER_ARTICLE)
    print(f"{'per-article':12s} {per:7.3f} s CPU; total {sum(best.values()):.3f}")


if __name__ == "__main__":
    main()
