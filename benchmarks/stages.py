"""Time each pipeline stage separately on a synthetic corpus (no profiler overhead).

    python benchmarks/stages.py 300            # 300 synthetic articles
    python benchmarks/stages.py 300 --profile  # plus a cProfile of the cross-article stage

Prints seconds and words/s per stage: load, split, tag, quotes, claims, sentiment, stance,
assemble (cross-article: similarity, fingerprints, reconciliation, timeline), write.
"""

import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

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

n = int(sys.argv[1])
tmp = Path(tempfile.mkdtemp())
arts = bench.build_articles(n, seed=7)
bench.write_corpus(arts, tmp)
T = defaultdict(float)
t = time.perf_counter()
c = read_corpus(tmp)
T["load"] += time.perf_counter() - t
gaz = actors.Gazetteer.load()
sentiment._analyzers()  # load TextBlob and VADER once, outside the timings
words = sum(sentences.count_words(x) for x in c.articles["text"])
results = []
for d, text, o, p in pipeline.document_items(c.articles):
    t = time.perf_counter()
    s = sentences.split_sentences(text)
    T["split"] += time.perf_counter() - t
    t = time.perf_counter()
    m = actors.tag_actors(text, s, gaz)
    T["tag"] += time.perf_counter() - t
    t = time.perf_counter()
    q = quotes.extract_quotes(text, s, m, gaz)
    T["quotes"] += time.perf_counter() - t
    t = time.perf_counter()
    cl = claims.extract_claims(text, s, mentions=m, quotes=q, default_claimant=o)
    T["claims"] += time.perf_counter() - t
    t = time.perf_counter()
    se = sentiment.actor_sentiment(text, s, m)
    T["sentiment"] += time.perf_counter() - t
    t = time.perf_counter()
    st = stance.actor_stance(text, s, m, q, gazetteer=gaz)
    T["stance"] += time.perf_counter() - t
    t = time.perf_counter()
    ev = timeline.resolve_dates(text, s, published=p, doc_id=d, outlet=o)
    T["dates"] += time.perf_counter() - t
    t = time.perf_counter()
    ft = compare.document_features(d, text, s, mentions=m)  # as pipeline.analyze_document
    T["compare features"] += time.perf_counter() - t
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
        )
    )
t = time.perf_counter()
tb = pipeline.assemble(c, results)
T["assemble(total)"] += time.perf_counter() - t
t = time.perf_counter()
tb.write(tmp / "out")
T["write"] += time.perf_counter() - t
tot = sum(v for k, v in T.items())
print(f"articles {len(c.articles)} words {words}")
for k, v in T.items():
    print(f"{k:18s} {v:7.2f}s  {words / v:10.0f} words/s")
print(
    "per-article total",
    sum(T[k] for k in ["split", "tag", "quotes", "claims", "sentiment", "stance"]),
)
print("total", tot, words / tot)

if "--profile" in sys.argv:
    import cProfile
    import pstats

    cProfile.run("pipeline.assemble(c, results)", str(tmp / "assemble.prof"))
    pstats.Stats(str(tmp / "assemble.prof")).sort_stats("cumulative").print_stats(25)
