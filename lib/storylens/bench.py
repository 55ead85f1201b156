"""Benchmark: the tables pipeline on a synthetic corpus, against an analyst's usual script.

``python -m storylens bench --articles N [--baseline-sample 200] [--workers W] [--seed 7]``

1. **Corpus.** :func:`build_articles` makes ``N`` articles deterministically (one seeded RNG per
   article) from the seed articles' real sentences, mutated (actor names and countries swapped
   from pools that include ~170 first names and ~160 surnames no gazetteer knows, numbers and
   their phrasing changed, clauses reordered, copy-editor wording variants and adjectives,
   quote marks, weekdays and dates varied, new or swapped attributions, time/place frames and
   cited reports), mixed with sentences from varied templates, plus page furniture (cookie
   banners naming the site, photo captions and credits, bylines with one or two authors,
   "Read more" links, publication stamps, rare copyright lines). Articles have 500-900 body
   words in 5-15 paragraphs, come from a handful of outlets, and about one story in eight is a
   wire story carried by 2-3 outlets with light rewording, so similarity has work to do. At
   most 5% of all sentences may occur more than once in the corpus (:func:`verbatim_stats`;
   the bench fails otherwise), so no cache can flatter the result; measured with seed 7: 0.25%
   at 2,000 articles, 0.5% at 8,000, 0.65% at 10,000 and 0.8% at 16,000. :func:`write_corpus`
   writes them as ``.txt`` (80%), ``.md`` (10%) and ``.html`` (10%) files to a temporary
   folder.
2. **Ours.** The same path as ``python -m storylens tables``: ``read_corpus`` -> ``analyze``
   -> ``Tables.write`` into a temporary folder, timed end to end (wall clock). ``words`` is
   the sum of ``articles.n_words`` (words of the cleaned texts). ``peak_rss_mb`` is the peak of
   the *sum* of the resident set sizes of this process and all its descendants (process-pool
   or Dask workers), sampled every 20 ms with psutil during the run (shared copy-on-write
   pages are counted once per process, so it errs high). Without psutil it falls back to
   ``ru_maxrss`` of this process plus the largest child (``getrusage``); the info line says
   which was used and also prints both ``getrusage`` figures and, on Linux, the peak of the
   summed PSS (proportional set size: shared pages counted once; sampled once a second, as
   reading it costs milliseconds).
3. **Baseline.** In the same process, on a sample of ``--baseline-sample`` articles of the same
   corpus (their cleaned texts, so the baseline is not charged for loading): pysbd sentence
   splitting, one compiled regex per actor name or alias per sentence, TextBlob sentiment per
   sentence and ``quantulum3.parser.parse`` per sentence, single process. One-off start-up
   (imports, quantulum3's first call) is excluded, which favours the baseline.
4. **Output.** Info lines, then as the last line one JSON object with ``articles``, ``words``,
   ``seconds``, ``words_per_s``, ``peak_rss_mb``, ``baseline_words_per_s``, ``speedup``.

Set ``STORYLENS_BENCH_KEEP=1`` to keep the temporary corpus and tables (their folder is
printed). ``benchmarks/scaling.py`` runs the bench at 1k-8k articles and writes
``benchmarks/results.md``.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import platform
import random
import re
import resource
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from .paths import SEEDS_DIR

__all__ = [
    "GenArticle",
    "build_articles",
    "write_corpus",
    "verbatim_stats",
    "source_sentences",
    "baseline_actor_names",
    "run_baseline",
    "run_pipeline",
    "main",
]

MAX_VERBATIM_FRACTION = 0.05
#: Share of body sentences that are mutated seed sentences (the rest come from templates).
SEED_SHARE = 0.3
#: Share of body sentences about the article's side story (see TOPICS).
TOPIC_SHARE = 0.45
JSON_KEYS = (
    "articles", "words", "seconds", "words_per_s", "peak_rss_mb", "baseline_words_per_s",
    "speedup",
)  # fmt: skip

# --------------------------------------------------------------------------- pools

#: Real actors as the seeds name them: (full name, surname). Swapped among each other and with
#: invented people (who are in no gazetteer).
KNOWN_PEOPLE = [
    ("Donald Trump", "Trump"), ("Volodymyr Zelensky", "Zelensky"),
    ("Vladimir Putin", "Putin"), ("Emmanuel Macron", "Macron"), ("Keir Starmer", "Starmer"),
    ("Friedrich Merz", "Merz"), ("Giorgia Meloni", "Meloni"), ("Mark Rutte", "Rutte"),
    ("Sergey Lavrov", "Lavrov"), ("Maria Zakharova", "Zakharova"),
    ("Steve Witkoff", "Witkoff"), ("Marco Rubio", "Rubio"), ("Dan Caine", "Caine"),
    ("Alexus Grynkewich", "Grynkewich"), ("Jonathan Powell", "Powell"),
    ("Pete Hegseth", "Hegseth"), ("Kaja Kallas", "Kallas"), ("Alexander Stubb", "Stubb"),
    ("Donald Tusk", "Tusk"), ("Ursula von der Leyen", "von der Leyen"),
    ("Dmitry Peskov", "Peskov"), ("Ed Arnold", "Arnold"), ("François Heisbourg", "Heisbourg"),
    ("John Healey", "Healey"), ("Ben Hodges", "Hodges"), ("JD Vance", "Vance"),
    ("Mao Ning", "Mao Ning"), ("Maria Zakharkova", "Zakharkova"),
]  # fmt: skip
_FIRST = (
    "Aurelio Tamsin Jorunn Kestutis Mirela Oskar Hana Pieter Lucia Tomasz Ines Rasmus Elif "
    "Callum Anouk Mateo Greta Yusuf Nadia Bogdan Liesl Ilkka Soraya Dmytro Clea Henrik Vesna "
    "Marek Odile Teodor Ainhoa Sven Leontine Radu Bettina Emre Saoirse Jakub Maren Ottavio "
    "Agnieszka Alessandro Anneliese Arvid Astrid Benedikt Bianca Birgit Branka Carmen Cosmin "
    "Dagny Dariusz Delphine Dorota Eamon Edita Eero Emilia Enzo Esther Fabian Federica Filip "
    "Fiona Frederik Gaspard Gintare Goran Halina Helga Ignacio Ilse Ioana Isak Ivana Jelena "
    "Joanna Jovana Julien Karin Katarzyna Kirsi Kristof Laima Laurent Leila Linnea Lorenzo Luka "
    "Magnus Maja Malgorzata Margit Marta Matthias Mihai Milena Miriam Mykola Niamh Nils Olena "
    "Orla Paola Petra Quentin Rafael Renate Riikka Roisin Ruben Sabine Samir Sanna Silvia "
    "Simone Sofia Stanislav Sybille Taras Tereza Thea Tiago Tobias Ulla Urs Valentina Vasyl "
    "Viktor Vilma Wiebke Wojciech Yannick Zofia Zoltan Zuzana Aino Bartosz Ciaran Dragana "
    "Eszter Femke Gunnar Hamid Idris Janne Kamil Ludmila Mads Nadja Oana Piotr Rahel Sigrid "
    "Tamara Ugne Vaclav Wim Yara Zeynep Amara Kofi Priya Farid Solveig Anselm Berit Cornelia "
    "Darius Elske Florin Hedda Ivo Jasna Kerttu"
).split()
_LAST = (
    "Brenner Okafor Vestby Balsys Dragan Lindqvist Novakova Aalst Ferrante Wierzba Carvalho "
    "Holtgaard Demirel Reidford Verbeek Ibarra Sandvik Arslanov Petrenko Sirko Hauptmann "
    "Kettunen Amrani Kovalenko Marchetti Strand Jelic Dvorak Lefebvre Popescu Etxeberria "
    "Moravec Quist Halloran Zielinski Nygaard Castellano Oyelaran Varga Thorsby Achterberg "
    "Adamczyk Albrecht Almeida Andersen Antonescu Arrieta Bakker Barros Bergstrom Bianchi "
    "Bjornstad Blom Borowski Brandt Cabral Caruso Cerny Ciobanu Dahl Dimitrov Duarte Eklund "
    "Engel Esposito Falk Fonseca Gallagher Garrido Georgiou Grabowski Haas Halvorsen Horvath "
    "Jansen Jovanovic Kaminski Karlsson Keller Kowalczyk Kral Krause Laine Lambert Lindgren "
    "Lorenz Lozano Maes Mazur Mercier Moreau Mortensen Nemeth Nieminen Oliveira Olsen Ortega "
    "Pajari Papadakis Pavlovic Peeters Pereira Perrin Pohl Ricci Rinaldi Roos Rossetti Rusu "
    "Sauer Schmitz Sepp Simonsen Sokol Stavrou Szabo Tamm Toivonen Urbanek Vidal Vogel Walczak "
    "Wouters Zaharia Zeman Kask Ozturk Mensah Nyberg Rautio Ahlgren Brennan Donnelly Moynihan "
    "Adeyemi Ferreira Lindberg Holm Berglund Winkler Hofmann Kessler Steiner Gruber Pichler "
    "Mancini Greco Barbieri Lombardi Colombo Marinescu Navarro Sorensen Virtanen Lehtonen "
    "Kruger Fontaine"
).split()
COUNTRIES = (
    "Ukraine|Russia|France|Britain|Germany|Finland|Italy|Poland|Estonia|Latvia|Lithuania|"
    "Romania|the Netherlands|Denmark|Norway|Sweden|Spain|Portugal|Canada|Turkey|Belgium|"
    "the Czech Republic|Greece|Australia|Japan|Slovakia|Bulgaria|Croatia|Ireland|Austria"
).split("|")
#: Countries as they appear in the seed sentences (swapped for a random COUNTRIES entry).
SWAPPABLE_COUNTRIES = (
    "Ukraine|Russia|France|Britain|Germany|Finland|Italy|Poland|the United Kingdom|the UK|the U.K."
).split("|")
ORGS = [
    "NATO", "the European Union", "the Kremlin", "the Pentagon", "the United Nations",
    "the Baltic Security Institute", "the Nordic Defence Forum", "the Carpathian Policy Centre",
    "the Royal United Services Institute", "the Foundation for Strategic Research",
]  # fmt: skip
ROLES = [
    "defence minister", "foreign minister", "prime minister", "president", "spokesperson",
    "chief of defence", "national security adviser", "senior diplomat", "deputy minister",
    "army chief of staff", "ambassador to NATO", "opposition leader",
]  # fmt: skip
CITIES = [
    "Paris", "London", "Berlin", "Kyiv", "Warsaw", "Brussels", "Rome", "Helsinki", "Tallinn",
    "Riga", "Vilnius", "Bucharest", "The Hague", "Copenhagen", "Oslo", "Stockholm", "Madrid",
    "Lisbon", "Ottawa", "Ankara", "Prague", "Athens", "Vienna", "Dublin", "Washington",
    "Moscow", "Geneva", "Munich", "Odesa", "Lviv",
]  # fmt: skip
OUTLETS = [
    ("Harbour Daily", "harbour-daily"), ("The Continental", "continental"),
    ("Meridian News", "meridian"), ("Eastern Ledger", "eastern-ledger"),
    ("Atlantic Wire", "atlantic-wire"), ("Capital Observer", "capital-observer"),
    ("Northern Post", "northern-post"), ("Global Briefing", "global-briefing"),
]  # fmt: skip
WIRE_AGENCIES = ["Reuters", "AP", "AFP", "dpa"]
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = (
    "January February March April May June July August September October November December"
).split()
ADJECTIVES = {
    "troops": ["foreign", "additional", "European", "ground", "allied", "combat"],
    "force": ["multinational", "proposed", "reassurance", "peacekeeping", "European"],
    "officials": ["senior", "Western", "unnamed", "European", "defence"],
    "talks": ["fresh", "tense", "lengthy", "closed-door", "preliminary"],
    "plan": ["ambitious", "detailed", "draft", "revised"],
    "leaders": ["European", "allied", "Western"],
    "guarantees": ["robust", "binding", "credible", "written"],
    "deployment": ["rapid", "large-scale", "limited", "long-term"],
    "meeting": ["closed-door", "emergency", "two-day"],
    "ceasefire": ["fragile", "lasting", "durable", "full"],
    "support": ["logistical", "financial", "political", "lasting"],
    "countries": ["allied", "European", "partner"],
}
DROPPABLE = ["major", "senior", "several", "potential", "ongoing", "heavy", "crucial", "so-called"]
SYNONYMS = [
    (" said", " stated"), (" said", " told reporters"), (" troops", " soldiers"),
    (" deploy", " send"), (" deploying", " sending"), (" officials", " sources"),
    (" however", " though"), (" would", " could"), (" plans", " proposals"),
    (" force", " mission"), (" countries", " nations"), (" meeting", " talks"),
    (" reportedly", " according to reports"), (" leaders", " heads of government"),
]  # fmt: skip
QUOTE_STYLES = [("“", "”"), ('"', '"'), ("«", "»"), ("‘", "’")]
READ_MORE = ["Read more:", "Related:", "See also:", "More on this story:"]

_SUPPORT_VERBS = ["backed", "welcomed", "endorsed", "championed", "supported"]
_OPPOSE_VERBS = ["rejected", "opposed", "dismissed", "condemned", "ruled out"]
_COND_VERBS = ["would only back", "tied support to", "made any commitment conditional on"]
_CONDITIONS = [
    "a ceasefire", "a US backstop", "a UN mandate", "a signed peace deal",
    "parliamentary approval", "air cover from Washington",
]  # fmt: skip
_QUOTE_BODIES = [
    "we are ready to do our part, but not alone",
    "this is a question of credibility for the whole of Europe",
    "nobody will send soldiers into a war that has not ended",
    "the details of any mission must come first",
    "any foreign troops on Ukrainian soil would be a legitimate target",
    "our contribution will be decided by parliament, not by headlines",
    "deterrence only works if the guarantee is real",
    "we have said from the start that the door is open",
    "this plan is a recipe for escalation",
    "we need to see the mandate before we talk numbers",
    "the coalition is larger than people think",
    "we will not repeat the mistakes of the past",
    "a ceasefire that is not monitored is not a ceasefire",
    "we cannot plan a mission without knowing what it is for",
    "our soldiers will not be a tripwire for someone else's war",
    "Europe has to be able to defend itself without waiting for Washington",
    "the question is not whether we help but how long we can keep it up",
    "there will be no deal about Ukraine without Ukraine",
    "we are talking about years, not months",
    "every day without a decision costs lives",
    "the Russians will test any line we draw",
    "we are prepared to contribute to air policing and training",
    "the public deserves to know what the risks are",
    "this is the most serious security decision in a generation",
]
_UNITS = [
    ("troops", 500, 60000), ("soldiers", 200, 40000), ("countries", 2, 40),
    ("fighter jets", 4, 120), ("air-defence systems", 2, 30), ("days", 3, 120),
    ("kilometres", 10, 1500), ("warships", 2, 25), ("drones", 50, 9000),
]  # fmt: skip


def _num(rng: random.Random, lo: int, hi: int) -> int:
    """A roundish random number in [lo, hi] on a log scale (how articles round counts)."""
    v = int(round(10 ** rng.uniform(len(str(lo)) - 1 + 0.0, len(str(hi)) - 0.0001)))
    v = min(max(v, lo), hi)
    digits = len(str(v))
    step = 10 ** max(0, digits - rng.choice((1, 2, 2, 3)))
    return max(lo, (v // step) * step)


_SMALL_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()


def _render_number(v: float, rng: random.Random) -> str:
    """One of several phrasings of ``v`` (``12,000``, ``12000``, ``12 thousand``, ``twelve``)."""
    if v == int(v):
        v = int(v)
        if v <= 12 and rng.random() < 0.5:
            return _SMALL_WORDS[v]
        if v >= 1_000_000 and v % 100_000 == 0 and rng.random() < 0.7:
            return f"{v / 1_000_000:g} million"
        if v >= 1000 and v % 1000 == 0 and rng.random() < 0.25:
            return f"{v // 1000} thousand"
        if v >= 1000 and rng.random() < 0.3:
            return str(v)
        return f"{v:,}"
    return f"{v:.1f}"


_QUALIFIERS = ["about ", "up to ", "more than ", "nearly ", "at least ", "some ", "roughly "]


def _qty(rng: random.Random, lo: int, hi: int) -> str:
    r = rng.random()
    if r < 0.15:
        a = _num(rng, lo, hi)
        b = _num(rng, a, max(a * 3, a + 2))
        if b <= a:
            b = a + max(1, a // 2)
        return f"between {_render_number(a, rng)} and {_render_number(b, rng)}"
    q = rng.choice(_QUALIFIERS) if r < 0.6 else ""
    return q + _render_number(_num(rng, lo, hi), rng)


# --------------------------------------------------------------------------- people


@dataclass
class _Ctx:
    """Per-article choices that keep an article coherent (quote style, weekday, city)."""

    rng: random.Random
    quotes: tuple[str, str]
    apostrophe: str
    weekday: str
    city: str
    topic: str = "energy"
    people: list[tuple[str, str]] = field(default_factory=list)


def _invented(rng: random.Random) -> tuple[str, str]:
    last = rng.choice(_LAST)
    if rng.random() < 0.04:  # a double-barrelled surname
        last = f"{last}-{rng.choice(_LAST)}"
    return f"{rng.choice(_FIRST)} {last}", last


def _staff_name(rng: random.Random) -> str:
    """A journalist's or photographer's name as credited (middle initials are common)."""
    first, last = _invented(rng)
    if rng.random() < 0.25:
        first = first.replace(" ", f" {rng.choice('ABCDEFGHJKLMNPRSTVW')}. ", 1)
    return first


def _person(ctx: _Ctx) -> tuple[str, str]:
    """A person for this article: 60% invented, else a known actor; reused 40% of the time."""
    rng = ctx.rng
    if ctx.people and rng.random() < 0.4:
        return rng.choice(ctx.people)
    p = _invented(rng) if rng.random() < 0.6 else rng.choice(KNOWN_PEOPLE)
    ctx.people.append(p)
    return p


def _name_ref(ctx: _Ctx, p: tuple[str, str]) -> str:
    return p[0] if ctx.rng.random() < 0.6 else p[1]


_ANONYMOUS = [
    "a senior official", "one diplomat", "a defence official", "an adviser",
    "two people familiar with the talks", "a senior European diplomat", "a NATO official",
    "a government source", "a person briefed on the plans", "a military planner",
    "an EU official", "a Western intelligence official", "three officials", "a senior aide",
]  # fmt: skip
_INSTITUTIONS = [
    "the foreign ministry", "the defence ministry", "the prime minister's office",
    "the general staff",
    "the interior ministry", "the finance ministry", "the government", "the economy ministry",
]  # fmt: skip


def _speaker(ctx: _Ctx) -> str:
    """Who says something: a (titled) person, an anonymous source or an institution."""
    rng = ctx.rng
    r = rng.random()
    if r < 0.65:
        p = _person(ctx)
        if rng.random() < 0.5:
            return f"{rng.choice(COUNTRIES).removeprefix('the ')}'s {rng.choice(ROLES)} {p[0]}"
        return _name_ref(ctx, p)
    if r < 0.82:
        who = rng.choice(_ANONYMOUS)
        return f"{who} from {rng.choice(COUNTRIES)}" if rng.random() < 0.7 else who
    if r < 0.9:
        return f"a spokesperson for {rng.choice(_INSTITUTIONS)} in {rng.choice(CITIES)}"
    return rng.choice(ORGS) if rng.random() < 0.3 else f"a spokesperson for {rng.choice(ORGS)}"


# --------------------------------------------------------------------------- templates


def _q(ctx: _Ctx, body: str) -> str:
    o, c = ctx.quotes
    return f"{o}{body[0].upper()}{body[1:]}{c}"


def _t_pledge(ctx: _Ctx) -> str:
    rng = ctx.rng
    u, lo, hi = rng.choice(_UNITS[:2])
    return (
        f"{_speaker(ctx)} said on {ctx.weekday} that {rng.choice(COUNTRIES)} was ready to send "
        f"{_qty(rng, lo, hi)} {u} to Ukraine {rng.choice(['once a ceasefire holds', 'within months', 'if a peace deal is signed', 'as part of the coalition', 'next year'])}."
    )


def _t_quote(ctx: _Ctx) -> str:
    rng = ctx.rng
    body = rng.choice(_QUOTE_BODIES)
    extra = rng.choice(["", f" in {rng.choice(CITIES)}", f" on {ctx.weekday}", " at a briefing"])
    if rng.random() < 0.5:
        return f"{_q(ctx, body)[:-1]},{ctx.quotes[1]} {_speaker(ctx)} said{extra}."
    return f"{_speaker(ctx)} told {rng.choice(OUTLETS)[0]}{extra}: {_q(ctx, body + '.')}"


def _t_money(ctx: _Ctx) -> str:
    rng = ctx.rng
    amount = _num(rng, 100, 90000) / 10
    cur = rng.choice(["euros", "dollars", "pounds"])
    return (
        f"{rng.choice(COUNTRIES)} has pledged {rng.choice(_QUALIFIERS).strip()} "
        f"{amount:g} billion {cur} in {rng.choice(['military aid', 'support', 'reconstruction funds', 'air defence'])} "
        f"for {rng.randint(2025, 2029)}, {rng.choice(['officials', 'diplomats', 'ministers'])} in "
        f"{rng.choice(CITIES)} said."
    )


def _t_stance(ctx: _Ctx) -> str:
    rng = ctx.rng
    who = _speaker(ctx)
    what = rng.choice(["the idea of deploying Western troops in Ukraine",
                       "a European reassurance force", "sending peacekeepers to Ukraine",
                       "the coalition's plan for a multinational force",
                       "a no-fly zone over western Ukraine", "air patrols over the Black Sea",
                       "a training mission inside Ukraine", "a US-led command structure",
                       f"sending {rng.choice(COUNTRIES)}'s troops to Ukraine"])  # fmt: skip
    r = rng.random()
    if r < 0.35:
        when = rng.choice([f"on {ctx.weekday}", f"in {rng.choice(CITIES)} on {ctx.weekday}",
                           f"on {rng.choice(MONTHS)} {rng.randint(1, 28)}", f"at talks in {rng.choice(CITIES)}",
                           f"at a meeting in {rng.choice(CITIES)}"])  # fmt: skip
        return f"{who} {rng.choice(_SUPPORT_VERBS)} {what} {when}."
    if r < 0.7:
        return f"{who} {rng.choice(_OPPOSE_VERBS)} {what}, calling it {rng.choice(['reckless', 'premature', 'a provocation', 'unrealistic', 'dangerous'])}."
    return f"{who} {rng.choice(_COND_VERBS)} {rng.choice(_CONDITIONS)}, saying {what} was {rng.choice(['possible', 'not excluded', 'on the table'])}."


def _t_range(ctx: _Ctx) -> str:
    rng = ctx.rng
    u, lo, hi = rng.choice(_UNITS)
    src = rng.choice(["according to", "said", "estimated"])
    who = _speaker(ctx)
    qty = _qty(rng, lo, hi)
    if src == "according to":
        return f"The mission could involve {qty} {u}, according to {who}."
    return f"{who} {src} the mission could involve {qty} {u} over {_qty(rng, 2, 36)} months."


def _t_percent(ctx: _Ctx) -> str:
    rng = ctx.rng
    pct = rng.randint(3, 97)
    return (
        f"A poll published in {rng.choice(CITIES)} found that {pct}% of "
        f"{rng.choice(['voters', 'respondents', 'Germans', 'Poles', 'Italians', 'Finns'])} "
        f"{rng.choice(['backed', 'opposed', 'were undecided about'])} sending troops, "
        f"{rng.choice(['up', 'down'])} {rng.randint(1, 15)} points since {rng.choice(MONTHS)}."
    )


def _t_meeting(ctx: _Ctx) -> str:
    rng = ctx.rng
    n = rng.randint(3, 35)
    return (
        f"{_qty(rng, 3, 40).capitalize()} countries took part in the "
        f"{rng.choice(['meeting', 'video call', 'summit', 'talks'])} in {rng.choice(CITIES)} on "
        f"{ctx.weekday}, {rng.choice(MONTHS)} {rng.randint(1, 28)}, and {n} "
        f"{rng.choice(['sent ministers', 'signed the statement', 'offered troops', 'held back'])}."
    )


def _t_background(ctx: _Ctx) -> str:
    rng = ctx.rng
    return (
        f"{rng.choice(['Since', 'After', 'Before'])} the {rng.choice(['summit', 'talks', 'meeting'])} "
        f"in {rng.choice(CITIES)}, {rng.choice(['planners', 'diplomats', 'military chiefs', 'ministers'])} "
        f"from {rng.choice(COUNTRIES)} and {rng.choice(COUNTRIES)} have "
        f"{rng.choice(['met', 'spoken', 'exchanged drafts'])} {_qty(rng, 2, 30)} times, "
        f"{_speaker(ctx)} said."
    )


#: Side stories an article may also cover, each with its own vocabulary, so that articles
#: that are not wire copies share little wording beyond the main story.
TOPICS = {
    "energy": (
        "gas storage|power grid|nuclear plant|pipeline repairs|coal imports|heating bills|"
        "transformer stocks|blackout schedule",
        "repair|protect|ration|restore|inspect|reroute",
        "winter demand|missile strikes on substations|falling reservoirs|spare parts",
    ),
    "grain": (
        "grain corridor|wheat exports|Black Sea shipping|port of Odesa|insurance premiums|"
        "harvest forecast|sunflower oil|fertiliser prices",
        "ship|insure|escort|load|divert|tax",
        "mined sea lanes|drought in the south|cheaper rail freight|tariffs at the border",
    ),
    "drones": (
        "drone factories|interceptor drones|electronic warfare|glide bombs|loitering munitions|"
        "counter-drone lasers|fibre-optic drones|long-range strikes",
        "produce|jam|intercept|assemble|export|test",
        "cheap components|frontline feedback|jamming on both sides|a shortage of pilots",
    ),
    "sanctions": (
        "sanctions package|shadow fleet|frozen assets|oil price cap|export controls|"
        "secondary tariffs|bank restrictions|dual-use goods",
        "enforce|tighten|evade|unfreeze|extend|review",
        "loopholes in third countries|legal challenges|"
        "pressure from Washington|a veto threat from Budapest",
    ),
    "refugees": (
        "temporary protection|housing support|school places|labour permits|returns "
        "programme|border crossings|language courses|family reunification",
        "extend|fund|limit|expand|simplify|phase out",
        "strained city budgets|a tight rental market|elections next spring|labour shortages",
    ),
    "reconstruction": (
        "reconstruction fund|bridge repairs|housing grants|demining teams|"
        "hospital rebuilding|investment guarantees|water networks|rail links",
        "finance|rebuild|guarantee|tender|audit|clear",
        "corruption safeguards|war-risk insurance|donor fatigue|a shortage of engineers",
    ),
    "politics": (
        "coalition talks|opposition motion|budget vote|snap election|defence spending|"
        "conscription debate|party congress|parliamentary inquiry",
        "block|schedule|approve|delay|force|reject",
        "falling approval ratings|a rebellion on the "
        "back benches|pressure from farmers|a court ruling",
    ),
    "cyber": (
        "cyber attacks|railway signalling|hacked ministries|phishing campaigns|satellite "
        "terminals|data leaks|ransomware gangs|undersea cables",
        "trace|disrupt|patch|attribute|sabotage|monitor",
        "state-backed hackers|outdated software|a sabotage campaign in the Baltic|insider help",
    ),
}
_TOPIC_OPENERS = ["Separately", "Meanwhile", "Elsewhere", "At the same time", "In a related move",
                  "Domestically", "Behind the scenes", "Further afield"]  # fmt: skip
_TOPIC_MOVES = ["moved to", "voted to", "announced plans to", "promised to", "sought to",
                "agreed to", "came under pressure to", "stepped in to"]  # fmt: skip
_TOPIC_SUBJECTS = ["the government", "regulators", "engineers", "local authorities", "ministers",
                   "investors", "analysts", "the central bank", "trade unions", "aid groups"]  # fmt: skip


def _topic_words(ctx: _Ctx) -> tuple[list[str], list[str], list[str]]:
    nouns, verbs, reasons = TOPICS[ctx.topic]
    return nouns.split("|"), verbs.split("|"), reasons.split("|")


def _t_topic(ctx: _Ctx) -> str:
    rng = ctx.rng
    nouns, verbs, reasons = _topic_words(ctx)
    n1, n2 = rng.sample(nouns, 2)
    r = rng.random()
    if r < 0.3:
        return (
            f"{rng.choice(_TOPIC_OPENERS)}, {rng.choice(_TOPIC_SUBJECTS)} in {rng.choice(COUNTRIES)} "
            f"{rng.choice(_TOPIC_MOVES)} {rng.choice(verbs)} the {n1} "
            f"{rng.choice(['because of', 'citing', 'in response to', 'amid'])} {rng.choice(reasons)}."
        )
    if r < 0.55:
        return (
            f"{rng.choice(['The debate over', 'The row over', 'Work on', 'The question of', 'The fight over'])} "
            f"the {n1} {rng.choice(['has become', 'remains', 'is now seen as', 'has proved'])} "
            f"{rng.choice(['a test for', 'a headache for', 'central to the plans of', 'a bargaining chip for', 'a priority for'])} "
            f"{rng.choice(_TOPIC_SUBJECTS)} in {rng.choice(COUNTRIES)}, with {rng.choice(reasons)} "
            f"{rng.choice(['adding to the strain', 'slowing progress', 'raising costs', 'complicating matters', 'weighing on planning', 'fuelling criticism'])}."
        )
    if r < 0.8:
        return (
            f"{_speaker(ctx)} said {rng.choice(_TOPIC_SUBJECTS)} would {rng.choice(verbs)} "
            f"the {n1} and {rng.choice(verbs)} the {n2} {rng.choice(['by the end of the year', 'before winter', 'within weeks', 'in stages'])}."
        )
    return (
        f"Figures from {rng.choice(CITIES)} show the {n1} {rng.choice(['rose', 'fell', 'stalled'])} "
        f"by {rng.randint(2, 60)}% after {rng.choice(reasons)}, while the {n2} "
        f"{rng.choice(['held steady', 'lagged behind', 'picked up'])}."
    )


TEMPLATES = [_t_pledge, _t_quote, _t_money, _t_stance, _t_range, _t_percent, _t_meeting,
             _t_background]  # fmt: skip

# --------------------------------------------------------------------------- mutations

_NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.,])\d+(?:\.\d+)?(?![\w,])"
)
_MONTH_BEFORE = re.compile(r"(?:" + "|".join(MONTHS) + r"|Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.? $")
_WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b")
_QUOTE_OPEN = re.compile(r"[“«]|(?<![\w])\"(?=\w)|(?<![\w])‘(?=\w)")
_QUOTE_CLOSE = re.compile(r"[”»]|(?<=[\w.,!?])\"|(?<=[.,!?])’")
_ACCORDING_FIRST = re.compile(r"^(According to [^,]{3,60}), (.+?)([.!?])$")
_ACCORDING_LAST = re.compile(r"^(.{20,}?), (according to [^,]{3,60})\.$")
_SUBCLAUSE_FIRST = re.compile(
    r"^(While|After|Although|When|If|As|Despite) ([^,]{10,120}), (.{15,})([.!?])$"
)
_SAID_LAST = re.compile(r"^(.{20,}?), (\w+(?: \w+){0,3}) (said|says|added)(?: on (\w+))?\.$")


def _people_regex() -> re.Pattern:
    names = sorted({n for p in KNOWN_PEOPLE for n in p}, key=lambda s: (-len(s), s))
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")(?:y|’s|'s)?\b")


_PEOPLE = _people_regex()
_COUNTRY = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(map(re.escape, sorted(SWAPPABLE_COUNTRIES, key=len, reverse=True)))
    + r")(?![\w])"
)
_ADJ_SITE = re.compile(r"\b(?:the|a|an|of|to|its|their|our|any) (" + "|".join(ADJECTIVES) + r")\b")
_DROP = re.compile(r"\b(?:" + "|".join(map(re.escape, DROPPABLE)) + r") (?=[a-z])")
_LAST_OF = {full: last for full, last in KNOWN_PEOPLE} | {last: last for _, last in KNOWN_PEOPLE}


def _swap_people(s: str, ctx: _Ctx) -> tuple[str, bool]:
    """Swap known actors for others (mostly invented); returns (text, whether any was new)."""
    mapping: dict[str, tuple[str, str]] = {}
    changed = False

    def repl(m: re.Match) -> str:
        word = m.group()
        suffix = ""
        for suf in ("’s", "'s"):
            if word.endswith(suf):
                word, suffix = word[: -len(suf)], suf
        if word not in _LAST_OF and word.endswith("y") and word[:-1] in _LAST_OF:
            word = word[:-1]  # "Zelenskyy"
        key = _LAST_OF.get(word, word)
        if key not in mapping:
            nonlocal changed
            mapping[key] = _person(ctx) if ctx.rng.random() < 0.8 else (word, key)
            changed = changed or mapping[key][1] != key
        full, last = mapping[key]
        return (full if " " in word else last) + suffix

    return _PEOPLE.sub(repl, s), changed


def _swap_countries(s: str, ctx: _Ctx) -> str:
    rng = ctx.rng

    def repl(m: re.Match) -> str:
        if rng.random() < 0.5:
            return m.group()
        c = rng.choice(COUNTRIES)
        return c[0].upper() + c[1:] if m.start() == 0 else c

    return _COUNTRY.sub(repl, s)


def _change_numbers(s: str, ctx: _Ctx) -> str:
    rng = ctx.rng

    def repl(m: re.Match) -> str:
        raw = m.group()
        try:
            v = float(raw.replace(",", ""))
        except ValueError:
            return raw
        if _MONTH_BEFORE.search(s, 0, m.start()):
            return str(rng.randint(1, 28))
        if re.fullmatch(r"(19|20)\d\d", raw):
            return str(rng.choice((2023, 2024, 2025, 2026)))
        if "." in raw:
            return f"{v * rng.uniform(0.5, 1.8):.1f}"
        iv = int(v)
        if iv < 2:
            return raw
        new = _num(rng, max(2, iv // 3), max(3, iv * 3))
        out = _render_number(new, rng)
        if rng.random() < 0.2 and not re.search(
            r"(?:about|up to|than|nearly|some) $", s[: m.start()]
        ):
            out = rng.choice(_QUALIFIERS) + out
        return out

    return _NUMBER.sub(repl, s)


def _reorder(s: str, ctx: _Ctx) -> str:
    m = _ACCORDING_FIRST.match(s)
    if m:
        main = m.group(2)
        return f"{main[0].upper()}{main[1:]}, {m.group(1)[0].lower()}{m.group(1)[1:]}{m.group(3)}"
    m = _ACCORDING_LAST.match(s)
    if m:
        return f"{m.group(2)[0].upper()}{m.group(2)[1:]}, {_lower_first(m.group(1))}."
    m = _SUBCLAUSE_FIRST.match(s)
    if m:
        main = m.group(3)
        return f"{main[0].upper()}{main[1:]}, {m.group(1).lower()} {m.group(2)}{m.group(4)}"
    m = _SAID_LAST.match(s)
    if m and not m.group(1).startswith(("“", '"', "«", "‘")):
        when = f" on {m.group(4)}" if m.group(4) else ""
        return f"{m.group(2)} {m.group(3)}{when} that {_lower_first(m.group(1))}."
    return s


def _adjectives(s: str, ctx: _Ctx) -> str:
    rng = ctx.rng
    if rng.random() < 0.35:
        s2 = _DROP.sub(lambda m: "" if rng.random() < 0.6 else m.group(), s, count=1)
        if s2 != s:
            return s2

    def repl(m: re.Match) -> str:
        if rng.random() < 0.45:
            return m.group()
        noun = m.group(1)
        return m.group()[: m.start(1) - m.start()] + f"{rng.choice(ADJECTIVES[noun])} {noun}"

    return _ADJ_SITE.sub(repl, s)


def _restyle(s: str, ctx: _Ctx) -> str:
    o, c = ctx.quotes
    s = _QUOTE_OPEN.sub(o, s)
    s = _QUOTE_CLOSE.sub(c, s)
    if ctx.apostrophe == "'":
        s = re.sub(r"(?<=\w)’(?=\w)", "'", s)
    else:
        s = re.sub(r"(?<=\w)'(?=\w)", "’", s)
    return _WEEKDAY.sub(ctx.weekday, s)


_LOWER_OK = frozenset(
    "The A An It This That These Those Some Several Officials Many Most One Any No There Such "
    "Its Their His Her They He She We Planning Talks Military Former After While In As "
    "Following Without Defining According Participants Options For Although At Despite Even "
    "With Each Both Neither Under Once Before Since It's It’s Until Sources Diplomats Nations "
    "Countries States Soldiers Forces Troops Participants Experts Analysts".split()
)
#: Sentence-opening connectives that stay in front when a sentence gets a new frame.
_CONNECTIVE = re.compile(
    r"^(However|But|Initially|Still|Yet|Meanwhile|Reportedly|As it turned out|Instead|So far)"
    r"(,? )(?=\S)"
)
#: Already attributed (outside quotes): such sentences get no second speaker.
_ATTRIBUTED = re.compile(
    r"\b(?:said|says|according to|told|stated|added|noted|asked|warned|suggested|indicated)\b"
)
_PREFIXES = [
    "on {weekday}, ", "on {date}, ", "in {city}, ", "in {city} on {weekday}, ",
    "earlier this week, ", "late on {weekday}, ", "on {weekday} evening, ", "by {weekday}, ",
    "last month, ", "in recent days, ",
]  # fmt: skip
_PLACES = ["in {city}, "]
#: A time is already given (no second one in front).
_TIMED = re.compile(
    r"\b(?:" + "|".join(WEEKDAYS + MONTHS) + r"|week|month|year|ago|earlier|later|yesterday)\b"
)
_PRE_SAYS = [
    "{speaker} said ", "{speaker} told reporters ", "{speaker} told {outlet} ",
    "{speaker} said in a statement ", "{speaker} argued ", "{speaker} said in an interview ",
    "{speaker} told lawmakers ", "{speaker} wrote on social media ",
]  # fmt: skip
_POST_SAYS = [
    ", {speaker} said.", ", {speaker} said on {weekday}.", ", according to {speaker}.",
    ", {speaker} told {outlet}.", ", {speaker} said in {city}.", ", {speaker} said in a statement.",
    ", {speaker} told reporters in {city}.", ", {speaker} said in an interview with {outlet}.",
    ", {speaker} said on {date}.", ", {speaker} told a briefing in {city}.",
]  # fmt: skip


#: A report that cites the outlet that had it first, and its source.
_CITING = [
    ", {outlet} reported, citing {speaker}.", ", {outlet} reported on {weekday}, citing {speaker}.",
    ", according to a report by {outlet} that cited {speaker}.",
    ", {outlet} reported after speaking to {speaker}.",
]  # fmt: skip
_PRONOUN = re.compile(
    r"(^|, )(?:He|She|he|she)(?= (?:also |later )?(?:said|says|added|warned|stated|noted|agreed)\b)"
)


def _lower_first(body: str) -> str:
    """Lowercase the first word of a clause that no longer starts the sentence (not names)."""
    first = body.split(" ", 1)[0]
    if first in _LOWER_OK or (first.endswith("ly") and first[1:].islower()):
        return body[0].lower() + body[1:]
    return body


def _fill(ctx: _Ctx, text: str, speaker: str = "") -> str:
    rng = ctx.rng
    if "{date}" in text:
        text = text.replace("{date}", f"{rng.choice(MONTHS)} {rng.randint(1, 28)}")
    if "{city}" in text:
        text = text.replace("{city}", rng.choice(CITIES))
    if "{outlet}" in text:
        text = text.replace("{outlet}", rng.choice(OUTLETS)[0])
    text = text.replace("{weekday}", ctx.weekday)
    return text.replace("{speaker}", speaker)


def _frame(s: str, ctx: _Ctx, attributed: bool = False) -> str:
    """Wrap a sentence in a time or place phrase and, unless it has one, an attribution."""
    rng = ctx.rng
    body = s
    conn = ""
    m = _CONNECTIVE.match(body)
    if m:
        conn, body = m.group(1) + m.group(2), body[m.end() :]
    lead = ""
    if attributed or rng.random() < 0.4:
        timed = _TIMED.search(body)
        lead = _fill(ctx, rng.choice(_PLACES if timed else _PREFIXES))
    if not attributed:
        if rng.random() < 0.5 or body.endswith(("”", '"', "’", "»")):
            lead += _fill(ctx, rng.choice(_PRE_SAYS), _speaker(ctx)) + "that "
        else:
            body = body.rstrip(".!?") + _fill(ctx, rng.choice(_POST_SAYS), _speaker(ctx))
    if lead:
        if attributed and not conn and body.startswith(("In ", "At ", "On ")):
            return s  # no "In Paris, in a statement, ..."
        body = _lower_first(body)
    out = conn + lead + body
    return out[0].upper() + out[1:]


_ALLIANCE = re.compile(r"(?<=, )(?:the alliance|NATO)(?= (?:said|noted|stated)\b)")
_ALLIANCE_VOICES = [
    "NATO", "the alliance", "a NATO spokesperson", "NATO officials", "a NATO official",
    "the alliance's military command", "NATO's press office", "a spokesperson for the alliance",
]  # fmt: skip


def _swap_source(s: str, ctx: _Ctx) -> str:
    """An anonymous attribution (', the person said.') gets a different source."""
    if _ALLIANCE.search(s):
        return _ALLIANCE.sub(lambda m: ctx.rng.choice(_ALLIANCE_VOICES), s, count=1)
    m = _GENERIC_SUBJECT.match(s)
    if m:
        who = _speaker(ctx)
        if not m.group(1):
            who = who[0].upper() + who[1:]
        return f"{m.group(1) or ''}{who} {m.group(3) or ''}{m.group(4)}{s[m.end(4) :]}"
    m = _GENERIC_SAID.search(s)
    if m:
        return s[: m.start(1)] + _speaker(ctx) + s[m.end(1) :]
    m = _GENERIC_ACCORDING.search(s)
    if m:
        return s[: m.start(1)] + _speaker(ctx) + s[m.end(1) :]
    return s


_GENERIC_SAID = re.compile(
    r", ((?:one of the |the |two |three |a |an )?(?:[a-z.\-]+ |Western |European |U\.S\. ){0,3}"
    r"(?:officials?|person|sources?|diplomats?|officers?|spokes\w+|WaPo|paper))"
    r" (?:said|says|stated|noted|added)\b[^,]{0,20}\.$"
)
_GENERIC_SUBJECT = re.compile(
    r"^(However, |But )?((?:[A-Za-z.\-]+ ){0,3}(?:[Oo]fficials|paper|source|sources|diplomats))"
    r" (?:have |has )?(also )?(indicated|noted|cautioned|warned|said|suggested|stated)(?= that )"
)
_GENERIC_ACCORDING = re.compile(
    r"according to ((?:sources|unnamed \w+|a (?:[A-Za-z]+ ){0,3}(?:official|officer|source))\b[^,.]{0,40})"
)


_QUOTED = re.compile(r"^([“\"«‘].{8,}?)([,.?!])([”\"»’])(?: (.+))?$")


def _attribute(s: str, ctx: _Ctx) -> str:
    """A quote gets a (new) speaker: '“...,” he added.' or a bare '“....”' -> a named source."""
    m = _QUOTED.match(s)
    if not m:
        return s
    body, punct, close, _tail = m.groups()
    verb = ctx.rng.choice(["said", "added", "told reporters", "said on " + ctx.weekday, "warned"])
    return f"{body}{',' if punct == '.' else punct}{close} {_speaker(ctx)} {verb}."


#: Interchangeable wordings (outside quotes) that :func:`mutate` uses, as a copy editor would.
_VARIANTS: dict[str, list[str]] = {
    "said": ["stated", "noted"], "says": ["said", "notes"], "troops": ["soldiers", "forces"],
    "ceasefire": ["truce"], "cease-fire": ["ceasefire", "truce"],
    "peace agreement": ["peace deal", "peace settlement"],
    "peace deal": ["peace agreement", "settlement"], "officials": ["diplomats", "sources"],
    "security guarantees": ["security assurances", "security commitments"],
    "deploy": ["send", "station"], "deploying": ["sending", "stationing"],
    "nations": ["countries", "states"], "countries": ["nations", "states"],
    "European leaders": ["European heads of government", "EU leaders"],
    "military chiefs": ["defence chiefs", "army chiefs"], "the war": ["the conflict", "the fighting"],
    "talks": ["negotiations", "discussions"], "discussions": ["talks", "consultations"],
    "force": ["mission", "contingent"], "plans": ["proposals", "options"],
    "concerns": ["worries", "fears"], "recently": ["last week", "earlier this month"],
    "is prepared to": ["is ready to", "is willing to"], "hatched": ["drawn up", "devised"],
    "shortly before": ["just before", "months before"],
    "participate": ["take part", "join"], "far from certain": ["far from clear", "by no means certain"],
    "didn’t specify": ["did not specify", "did not spell out"],
    "didn't specify": ["did not specify", "did not spell out"],
    "signaling his willingness to talk": ["signalling his readiness to negotiate",
                                          "saying he is open to talks"],
    "not currently in the cards": ["not on the horizon", "not expected any time soon"],
    "has ruled out": ["has excluded", "has rejected"], "the best option": ["the most realistic option", "the best course"],
    "marked a shift": ["signalled a shift", "amounted to a shift"],
    "has not provided": ["has not offered", "has not given"],
    "mixed signals": ["conflicting signals", "contradictory signals"],
    "greater urgency": ["new urgency", "added urgency"], "earlier this year": ["in February", "this year"],
    "convened": ["held", "organised"], "planned to put": ["planned to deploy", "wanted to put"],
    "on the ground": ["in the country"], "Initially,": ["At first,", "Originally,"],
    "However,": ["Still,", "But"], "a number of": ["several", "a series of"],
    "expressed support for": ["voiced support for", "spoken in favour of"],
    "signaled": ["indicated", "suggested"], "signalled": ["indicated", "suggested"],
    "cautioned": ["warned"], "a think tank": ["a research institute", "a policy institute"],
    "the alliance": ["NATO"], "deadliest conflict": ["bloodiest conflict", "deadliest war"],
    "raising concerns": ["fuelling fears", "stoking concern"],
    "swift resolution": ["quick end", "rapid settlement"],
    "stuck between a rock and a hard place": ["caught in a bind", "in a difficult position"],
    "refrained from": ["held back from", "stopped short of"], "insisted": ["argued", "maintained"],
    "hinted": ["suggested", "indicated"], "failed to persuade": ["could not persuade", "did not persuade"],
    "suggest": ["say", "argue"], "invariably dismissed": ["repeatedly dismissed", "consistently rejected"],
    "a broad term": ["a loose label", "a catch-all term"],
    "pledged to deploy": ["committed to deploying", "promised to send"],
    "too risky": ["too dangerous"], "walked back": ["backed away from", "dropped"],
    "preferable": ["better", "the better option"], "were implemented": ["were agreed", "were put in place"],
    "Moscow": ["the Kremlin"], "reluctant": ["unwilling", "hesitant"],
    "are seeking": ["want", "are asking for"], "confirmed": ["said", "acknowledged"],
    "proposals": ["plans", "options"], "lobbied": ["pressed", "urged"], "wary of": ["cautious about", "nervous about"],
    "scope out options": ["assess the options", "study the options"],
    "slated to": ["due to", "expected to"], "set to": ["due to", "scheduled to"],
    "extremely fragile": ["very fragile", "highly fragile"], "balked at": ["baulked at", "resisted"],
    "grappling with": ["struggling with", "wrestling with"], "was raging": ["raged"],
    "is raging unabated": ["rages on", "shows no sign of easing"], "little interest": ["scant interest", "no great interest"],
    "more modest": ["smaller", "scaled-down"], "a few thousand": ["several thousand", "a few thousand"],
    "dramatically": ["sharply", "significantly"], "strategically important": ["key", "strategic"],
    "the front line": ["the frontline", "the line of contact"], "buoyed": ["encouraged", "heartened"],
    "many questions remain unanswered": ["much remains unclear", "key questions remain open"],
    "worried": ["concerned", "afraid"], "appeared to leave the door open": ["seemed to leave the door open", "signalled openness"],
    "incompatible with": ["at odds with", "irreconcilable with"],
}  # fmt: skip
_VARIANT_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(map(re.escape, sorted(_VARIANTS, key=len, reverse=True)))
    + r")(?![\w-])"
)
_QUOTE_SPAN = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|‘[^’]*’(?!\w)")


def _vary(s: str, ctx: _Ctx, p: float = 0.45) -> str:
    """Swap some wordings for equivalents (never inside quotes; 'to force' stays a verb)."""
    rng = ctx.rng
    quoted = [m.span() for m in _QUOTE_SPAN.finditer(s)]

    def repl(m: re.Match) -> str:
        word = m.group()
        if rng.random() >= p or any(a <= m.start() < b for a, b in quoted):
            return word
        if word == "force" and s[max(0, m.start() - 3) : m.start()] == "to ":
            return word
        alt = rng.choice(_VARIANTS[word])
        return alt[0].upper() + alt[1:] if m.start() == 0 else alt

    return _VARIANT_RE.sub(repl, s)


_ON_WEEKDAY = re.compile(r"\bon (" + "|".join(WEEKDAYS) + r")\b(?! (?:morning|evening|night))")


def _when(s: str, ctx: _Ctx) -> str:
    """'on Tuesday' -> 'late on Tuesday', 'on Tuesday evening' ... (one article, one weekday)."""
    rng = ctx.rng

    def repl(m: re.Match) -> str:
        day = m.group(1)
        return rng.choice([f"on {day}", f"late on {day}", f"on {day} evening",
                           f"on {day} morning", f"earlier on {day}"])  # fmt: skip

    return _ON_WEEKDAY.sub(repl, s)


def mutate(s: str, ctx: _Ctx) -> str:
    """A new sentence from a real one: swaps, numbers, clause order, wording, styles, frames."""
    rng = ctx.rng
    out, swapped = _swap_people(s, ctx)
    out = _swap_countries(out, ctx)
    out = _change_numbers(out, ctx)
    if rng.random() < 0.5:
        out = _reorder(out, ctx)
    out = _vary(out, ctx)
    out = _adjectives(out, ctx)
    out = _restyle(out, ctx)
    out = _when(out, ctx)
    # Most sentences also get a speaker, a new anonymous source, or a place/time frame, as
    # the same fact is reported differently by different outlets and on different days.
    if out.startswith(ctx.quotes[0]):
        return _attribute(out, ctx)
    unquoted = _QUOTE_SPAN.sub("", out)
    if _ATTRIBUTED.search(unquoted):
        out = _PRONOUN.sub(lambda m: m.group(1) + _name_ref(ctx, _person(ctx)), out, count=1)
        if rng.random() < 0.7:
            out = _swap_source(out, ctx)
        r = rng.random()  # a cited report (35%), a place/time (35%), both (10%), neither (20%)
        if (r < 0.35 or 0.7 <= r < 0.8) and not out.endswith(("”", '"', "’", "»")):
            out = out.rstrip(".!?") + _fill(ctx, rng.choice(_CITING), _speaker(ctx))
        elif r < 0.35:
            r = 0.5
        if 0.35 <= r < 0.8:
            out = _frame(out, ctx, attributed=True)
        return out
    low = not swapped and not _NUMBER.search(out)
    if low or rng.random() < 0.5:
        out = _frame(out, ctx)
    return out


def reword(s: str, ctx: _Ctx, seen: set[str] | None = None, outlet: str = "") -> str:
    """Light rewording for a wire copy: one or two synonym swaps or adjective changes.

    ``seen`` holds the sentences of the original and earlier copies; the result is never one
    of them (after a few tries it gets an attribution to ``outlet``).
    """
    seen = seen if seen is not None else {s}
    for _ in range(4):
        out = _reword_once(s, ctx)
        if out not in seen:
            break
    else:
        end = out[-1] if out[-1] in ".!?" else "."
        out = f"{out.rstrip('.!?')}, {outlet or ctx.city} reported{end}"
    seen.add(out)
    return out


def _reword_once(s: str, ctx: _Ctx) -> str:
    rng = ctx.rng
    out = s
    cands = [(a, b) for a, b in SYNONYMS if re.search(rf"{re.escape(a)}\b", out)]
    rng.shuffle(cands)
    for a, b in cands[: rng.randint(1, 2)]:
        out = re.sub(rf"{re.escape(a)}\b", b, out, count=1)  # "deploy" but not "deployment"
    if out == s or rng.random() < 0.3:
        out = _adjectives(out, ctx)
    if out == s:
        out = _restyle(out, ctx) if ctx.weekday not in out else out
    if out == s:
        end = out[-1] if out[-1] in ".!?" else ""
        body = out[:-1] if end else out
        tail = rng.choice([", the agency reported", ", the report said", " on " + ctx.weekday,
                           ", officials added", f" in {rng.choice(CITIES)}"])  # fmt: skip
        out = (
            body + tail + (end or ".")
            if not body.endswith(("”", '"', "»", "’"))
            else (
                f"{rng.choice(['Meanwhile', 'Separately', 'Earlier', 'Still'])}, "
                f"{body[0].lower() if body[:1].isalpha() else body[0]}{body[1:]}{end}"
            )
        )
    return out


# --------------------------------------------------------------------------- source text


_FALLBACK_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"’»]))\s+(?=[“\"‘«]?[A-Z])")
_WORDS = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def _split(text: str) -> list[str]:
    try:
        from .sentences import sentence_texts

        return sentence_texts(text)
    except ImportError:  # pragma: no cover - the splitter is part of the package
        return [p for line in text.splitlines() for p in _FALLBACK_SPLIT.split(line.strip()) if p]


def _count_words(text: str) -> int:
    return len(_WORDS.findall(text))


def source_sentences(seeds: Path = SEEDS_DIR) -> list[str]:
    """Body sentences of the seed articles (>= 8 words, no markup), the raw material."""
    texts: list[str] = []
    try:
        from .load import read_corpus

        texts = list(read_corpus(seeds).articles["text"])
    except Exception:  # noqa: BLE001 - loader not ready / seeds odd: read the files plainly
        texts = [
            p.read_text(encoding="utf-8", errors="replace") for p in sorted(seeds.glob("*.txt"))
        ]
    out: list[str] = []
    seen: set[str] = set()
    for text in texts:
        for s in _split(text.replace("**", "")):
            s = s.strip().lstrip("#").strip()
            if _count_words(s) < 8 or s in seen or s[-1:] not in '.!?”"’»':
                continue
            if re.search(r"cookie|privacy|hotline|\d{3}-\d{4}|许可", s, re.I):
                continue
            seen.add(s)
            out.append(s)
    if not out:
        raise RuntimeError(f"no usable sentences in {seeds}")
    return out


# --------------------------------------------------------------------------- articles


@dataclass
class GenArticle:
    """One generated article: metadata, title, paragraphs (strings) and furniture lines."""

    index: int
    outlet: str
    slug: str
    published: str
    title: str
    byline: str
    paragraphs: list[str]
    furniture_top: list[str]
    furniture_bottom: list[str]
    fmt: str  # txt | md | html
    wire_of: int | None = None  # index of the original when this is a wire copy

    @property
    def file_name(self) -> str:
        return f"{self.index:05d}_{self.slug}.{self.fmt}"

    def sentences(self) -> list[str]:
        """Every sentence as written (title, byline, furniture and body), for the repeat check."""
        out = [self.title, self.byline]
        for block in (self.furniture_top, self.paragraphs, self.furniture_bottom):
            for para in block:
                out.extend(_split(para))
        return [s for s in out if s]

    def body_words(self) -> int:
        return sum(_count_words(p) for p in self.paragraphs)


_HEADLINE_ISSUES = [
    "reassurance force", "security guarantees", "peace mission", "air cover", "troop numbers",
    "a US backstop", "the mission's mandate", "command of the mission", "rules of engagement",
]  # fmt: skip


def _headline(ctx: _Ctx) -> str:
    """A headline (also used for 'Read more' links): one of a dozen shapes, mostly with a name."""
    rng = ctx.rng
    p = _person(ctx)
    c1, c2 = rng.sample(COUNTRIES, 2)
    c1 = c1[0].upper() + c1[1:]
    head = _headline_shape(ctx, rng.randrange(12), p, c1, c2)
    return head[0].upper() + head[1:]


def _headline_shape(ctx: _Ctx, k: int, p: tuple[str, str], c1: str, c2: str) -> str:
    rng = ctx.rng
    nouns, verbs, reasons = _topic_words(ctx)
    if k == 0:
        return f"{p[1]} says {c2} could send {_qty(rng, 100, 20000)} troops to Ukraine"
    if k == 1:
        tail = rng.choice(["", f" as talks in {rng.choice(CITIES)} stall",
                           f" ahead of {rng.choice(CITIES)} summit", f" before {rng.choice(MONTHS)} deadline"])  # fmt: skip
        return f"{c1} and {c2} split over {rng.choice(_HEADLINE_ISSUES)}{tail}"
    if k == 2:
        return (
            f"Allies meet in {rng.choice(CITIES)} as {p[1]} "
            f"{rng.choice(['warns', 'hints', 'insists', 'presses', 'reflects'])} on {rng.choice(_CONDITIONS)}"
        )
    if k == 3:
        how = rng.choice(["could work", "divides allies", "worries Moscow", "would be paid for",
                          "would be commanded", "could fail", "tests NATO"])  # fmt: skip
        tail = rng.choice([f": {p[0]} speaks", f", according to {p[0]}", f" - {p[0]} explains"])
        return f"{rng.choice(['Why', 'How'])} a European force in Ukraine {how}{tail}"
    if k == 4:
        return f"{_qty(rng, 3, 40).capitalize()} nations ready for Ukraine mission, {p[1]} claims"
    if k == 5:
        return (
            f"{c1} {rng.choice(['moves', 'votes', 'plans', 'scrambles', 'refuses'])} to "
            f"{rng.choice(verbs)} {rng.choice(nouns)} amid {rng.choice(reasons)}"
        )
    if k == 6:
        body = rng.choice(_QUOTE_BODIES)
        o, c = rng.choice(QUOTE_STYLES[1:])
        return f"{p[1]}: {o}{body[0].upper()}{body[1:]}{c}"
    if k == 7:
        u, lo, hi = rng.choice(_UNITS[:2] + _UNITS[3:5] + _UNITS[7:])
        return (
            f"{c1} to {rng.choice(['send', 'offer', 'pledge', 'fund'])} {_qty(rng, lo, hi)} {u} "
            f"for Ukraine mission by {rng.choice(MONTHS)}"
        )
    if k == 8:
        return (
            f"{rng.choice(['Talks', 'Crisis talks', 'Coalition talks'])} in {rng.choice(CITIES)} "
            f"{rng.choice(['end without deal', 'enter second day', 'break up early', 'agree outline'])} "
            f"as {p[1]} {rng.choice(['walks out', 'arrives late', 'urges patience', 'demands answers'])}"
        )
    if k == 9:
        return (
            f"{c1}'s parliament to vote on Ukraine deployment on {rng.choice(MONTHS)} "
            f"{rng.randint(1, 28)}"
        )
    if k == 10:
        return (
            f"{p[0]} {rng.choice(['rules out', 'backs', 'questions', 'defends'])} "
            f"{rng.choice(_HEADLINE_ISSUES)} {rng.choice(['in interview', 'after talks with ' + c2, 'in ' + rng.choice(CITIES), 'on visit to ' + c2])}"
        )
    if rng.random() < 0.5:
        return f"Pressure grows on {c1} over {rng.choice(nouns)} amid {rng.choice(reasons)}"
    return (
        f"{c1} {rng.choice(['reviews', 'weighs', 'defends', 'rethinks'])} {rng.choice(nouns)} "
        f"{rng.choice(['amid', 'after', 'over'])} {rng.choice(reasons)}"
    )


def _date(rng: random.Random) -> tuple[str, str]:
    y = rng.choice((2025, 2025, 2026))
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    return f"{y:04d}-{m:02d}-{d:02d}", f"{MONTHS[m - 1]} {d}, {y}"


def _new_ctx(rng: random.Random) -> _Ctx:
    return _Ctx(
        rng=rng, quotes=rng.choice(QUOTE_STYLES), apostrophe=rng.choice("’'"),
        weekday=rng.choice(WEEKDAYS), city=rng.choice(CITIES), topic=rng.choice(sorted(TOPICS)),
    )  # fmt: skip


def _paragraphs(sents: list[str], n_paras: int, rng: random.Random) -> list[str]:
    n_paras = max(1, min(n_paras, len(sents)))
    cuts = sorted(rng.sample(range(1, len(sents)), n_paras - 1)) if n_paras > 1 else []
    bounds = [0, *cuts, len(sents)]
    return [" ".join(sents[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


_CAPTION_VERBS = [
    "speaks to reporters", "arrives for talks", "attends a meeting", "leaves a cabinet meeting",
    "gives a press conference", "arrives at a summit", "meets troops", "speaks during a debate",
    "arrives for an emergency meeting", "walks to a news conference",
]  # fmt: skip
_SCENES = [
    "Soldiers take part in exercises", "Servicemen fire a howitzer", "Troops patrol a street",
    "Engineers repair a power line", "Volunteers sort aid", "Cadets march",
    "Military vehicles line up", "Air-defence crews prepare a launcher",
]  # fmt: skip
_PHOTO_AGENCIES = [
    "Reuters", "AP", "AFP", "dpa", "EPA", "Getty Images", "Anadolu", "PA", "Bloomberg",
    "Shutterstock", "Ukrinform", "NurPhoto",
]  # fmt: skip


def _credit(rng: random.Random, outlet: str) -> str:
    who, agency = _invented(rng)[0], rng.choice(_PHOTO_AGENCIES)
    return rng.choice([
        f"Photo: {agency}/{who}", f"Photograph: {who}/{agency}", f"Photo: {who}/{agency}",
        f"Photo: {who} for {outlet}", f"Image: {who}/AFP via Getty Images",
    ])  # fmt: skip


def _caption(ctx: _Ctx, outlet: str, date_text: str) -> str:
    rng = ctx.rng
    where = f"in {rng.choice(CITIES)} on {date_text}"
    if rng.random() < 0.7:
        what = f"{_person(ctx)[0]} {rng.choice(_CAPTION_VERBS)} {where}"
    else:
        what = f"{rng.choice(_SCENES)} {rng.choice(['near', 'outside', 'in'])} {rng.choice(CITIES)} on {date_text}"
    return f"{what}. {_credit(rng, outlet)}"


def _cookie_banner(rng: random.Random, outlet: str) -> str:
    n = rng.randint(90, 980)
    return rng.choice([
        f"{outlet} and our {n} partners use cookies to personalise content and measure audiences; "
        "you can accept all or manage your preferences.",
        f"We and our {n} partners store and access information on your device; by clicking "
        f"Accept all you agree to the use of cookies on {outlet}.",
        f"By continuing to browse {outlet} you agree to our use of cookies and to the processing "
        f"of your data by {n} partners.",
        f"Accept all cookies | Manage preferences ({n} partners) | Reject non-essential cookies",
        f"{outlet} uses cookies; you can change your consent settings for our {n} partners at "
        "any time under Privacy options.",
    ])  # fmt: skip


def _first_published(rng: random.Random, date_text: str) -> str:
    tz = rng.choice(["GMT", "BST", "CET", "CEST", "UTC"])
    stamp = f"{rng.randint(5, 23):02d}.{rng.randint(0, 59):02d} {tz}"
    if rng.random() < 0.5:
        return f"First published on {date_text}, {stamp}"
    return f"Last updated: {date_text} {stamp.replace('.', ':')}"


def _furniture(ctx: _Ctx, outlet: str, date_text: str) -> tuple[list[str], list[str]]:
    rng = ctx.rng
    top, bottom = [], []
    if rng.random() < 0.5:
        top.append(_caption(ctx, outlet, date_text))
    if rng.random() < 0.25:
        bottom.append(f"{rng.choice(READ_MORE)} {_headline(ctx)}")
    if rng.random() < 0.06:
        bottom.append(_first_published(rng, date_text))
    if rng.random() < 0.03:  # the same on every page of an outlet: kept rare
        bottom.append(f"© {date_text[-4:]} {outlet} Media Ltd, all rights reserved")
    if rng.random() < 0.05:
        bottom.append(_cookie_banner(rng, outlet))
    return top, bottom


_DESK_TITLES = ["Defence Editor", "Europe Editor", "Diplomatic Editor", "Senior Reporter",
                "Security Correspondent", "Foreign Affairs Writer"]  # fmt: skip


def _byline(rng: random.Random, outlet: str) -> str:
    a, b = _staff_name(rng), _staff_name(rng)
    desk = rng.choice(["Europe", "defence", "diplomatic", "security", "Brussels", "Kyiv",
                       "Berlin", "Paris", "Nordic", "Baltic"])  # fmt: skip
    return rng.choice([
        f"By {a}", f"By {a}, {outlet}", f"{a} | {outlet}", f"By {a}, {rng.choice(CITIES)}",
        f"By {a} and {b}", f"By {a}, {desk} correspondent", f"By {a} and {b}, {outlet}",
        f"By {a} | {rng.choice(_DESK_TITLES)}", f"Written by {a}",
    ])  # fmt: skip


def _original(index: int, seed: int, sources: list[str]) -> GenArticle:
    rng = random.Random(f"storylens-bench:{seed}:{index}")
    ctx = _new_ctx(rng)
    outlet, slug = rng.choice(OUTLETS)
    iso, date_text = _date(rng)
    target = rng.randint(500, 900)
    picks = rng.sample(sources, min(len(sources), 10))  # this article's angle on the story
    sents: list[str] = []
    words = 0
    while words < target:
        r = rng.random()
        if r < SEED_SHARE:
            s = mutate(rng.choice(picks), ctx)
        elif r < SEED_SHARE + TOPIC_SHARE:
            s = _t_topic(ctx)
        else:
            s = rng.choice(TEMPLATES)(ctx)
        s = s[0].upper() + s[1:]
        sents.append(s)
        words += _count_words(s)
    byline = _byline(rng, outlet)
    top, bottom = _furniture(ctx, outlet, date_text)
    return GenArticle(
        index=index, outlet=outlet, slug=slug, published=iso, title=_headline(ctx),
        byline=byline, paragraphs=_paragraphs(sents, rng.randint(5, 15), rng),
        furniture_top=top, furniture_bottom=bottom, fmt=_fmt(rng),
    )  # fmt: skip


def _fmt(rng: random.Random) -> str:
    r = rng.random()
    return "txt" if r < 0.8 else ("md" if r < 0.9 else "html")


def _wire_copy(
    orig: GenArticle, index: int, seed: int, taken: set[str], seen: set[str]
) -> GenArticle:
    rng = random.Random(f"storylens-bench:{seed}:{index}:wire")
    ctx = _new_ctx(rng)
    outlet, slug = rng.choice([o for o in OUTLETS if o[0] not in taken])
    taken.add(outlet)
    paras = [" ".join(reword(s, ctx, seen, outlet) for s in _split(p)) for p in orig.paragraphs]
    if len(paras) > 5 and rng.random() < 0.5:  # some copies trim a paragraph
        i = rng.randrange(1, len(paras))
        if sum(_count_words(p) for p in paras) - _count_words(paras[i]) >= 500:
            del paras[i]
    _, date_text = _date(rng)
    top, bottom = _furniture(ctx, outlet, date_text)
    agency = rng.choice(WIRE_AGENCIES)
    return GenArticle(
        index=index, outlet=outlet, slug=slug, published=orig.published,
        title=reword(orig.title, ctx, seen, outlet), byline=_wire_byline(rng, outlet, agency),
        paragraphs=paras, furniture_top=top, furniture_bottom=bottom, fmt=_fmt(rng),
        wire_of=orig.index,
    )  # fmt: skip


def _wire_byline(rng: random.Random, outlet: str, agency: str) -> str:
    return rng.choice([
        f"{_staff_name(rng)} | {outlet} with {agency}", f"By {_staff_name(rng)}, with {agency}",
        f"By {_staff_name(rng)} and {_staff_name(rng)}, with {agency}",
    ])  # fmt: skip


def build_articles(n: int, *, seed: int = 7, sources: list[str] | None = None) -> list[GenArticle]:
    """``n`` articles, deterministic in ``seed``; about 1 story in 8 has 1-2 wire copies."""
    sources = sources if sources is not None else source_sentences()
    out: list[GenArticle] = []
    while len(out) < n:
        orig = _original(len(out), seed, sources)
        out.append(orig)
        pick = random.Random(f"storylens-bench:{seed}:{orig.index}:copies")
        if pick.random() < 0.125:
            taken = {orig.outlet}
            seen = set(orig.sentences())
            for _ in range(pick.randint(1, 2)):
                if len(out) < n:
                    out.append(_wire_copy(orig, len(out), seed, taken, seen))
    return out


def verbatim_stats(articles: list[GenArticle]) -> dict:
    """How many sentence occurrences repeat another one verbatim, anywhere in the corpus.

    ``verbatim_fraction`` counts *every* occurrence of a sentence that occurs more than once
    (the first one too), over all sentences written, titles and furniture included.
    """
    counts: Counter[bytes] = Counter()
    for art in articles:
        for s in art.sentences():
            counts[hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest()] += 1
    total = sum(counts.values())
    repeated = sum(c for c in counts.values() if c > 1)
    return {
        "sentences": total,
        "distinct": len(counts),
        "repeated": repeated,
        "verbatim_fraction": repeated / total if total else 0.0,
    }


def _render(art: GenArticle) -> str:
    paras = art.paragraphs
    if art.fmt == "md":
        parts = [f"# {art.title}", f"Published: {art.published}", f"**{art.byline}**"]
        parts += [f"_{f}_" for f in art.furniture_top] + paras + art.furniture_bottom
        return "\n\n".join(parts) + "\n"
    if art.fmt == "html":
        body = "".join(f"<p>{escape(p, quote=False)}</p>" for p in paras)
        top = "".join(
            f"<figure><figcaption>{escape(f)}</figcaption></figure>" for f in art.furniture_top
        )
        bottom = "".join(f"<footer>{escape(f)}</footer>" for f in art.furniture_bottom)
        return (
            f"<!doctype html><html><head><title>{escape(art.title)} | {escape(art.outlet)}</title>"
            f'<meta property="og:site_name" content="{escape(art.outlet)}">'
            f'<meta property="article:published_time" content="{art.published}T08:00:00Z">'
            "<script>window.track=function(){}</script></head><body><nav>Home | World | Europe</nav>"
            f'<h1>{escape(art.title)}</h1><p class="byline">{escape(art.byline)}</p>{top}{body}'
            f"{bottom}</body></html>\n"
        )
    parts = [art.title, art.byline, *art.furniture_top, *paras, *art.furniture_bottom]
    return "\n\n".join(parts) + "\n"


def write_corpus(articles: list[GenArticle], folder: str | os.PathLike) -> Path:
    """Write the articles as files into ``folder`` (created); returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for art in articles:
        (folder / art.file_name).write_text(_render(art), encoding="utf-8")
    return folder


# --------------------------------------------------------------------------- measuring


def _pss(pid: int) -> int:
    """Proportional set size in bytes (Linux ``smaps_rollup``), 0 where unavailable.

    PSS charges each shared page to the processes sharing it in equal parts, so summed over a
    process and its forked workers it counts the pages they share once (summed RSS counts them
    once per process).
    """
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class _PeakRSS:
    """Peak of the summed RSS (and PSS, on Linux) of this process and all its descendants,
    sampled in a thread: RSS every ``interval`` seconds, PSS every ``pss_every`` samples
    (reading PSS walks the page tables: about 10 ms for a 1.4 GB process, so frequent reads
    would slow the run they measure). The list of descendants is refreshed every
    ``children_every`` samples: listing them scans every process of the machine (about 2 ms),
    which at every sample took 16% of a core from the run being measured; reading a known
    process's RSS takes 0.02 ms. Pool and Dask workers live for the whole run."""

    def __init__(
        self, interval: float = 0.02, pss_every: int = 50, children_every: int = 25
    ) -> None:
        self.interval = interval
        self.pss_every = pss_every
        self.children_every = children_every
        self._children: list = []
        self._n = 0
        self.peak = 0
        self.peak_pss = 0
        self.method = "getrusage"
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        try:
            import psutil

            self._proc = psutil.Process()
            self.method = "psutil"
        except ImportError:  # pragma: no cover - psutil comes with distributed
            self._proc = None

    def _sample(self) -> None:
        total = pss = 0
        with_pss = self._n % self.pss_every == 0
        refresh = self._n % self.children_every == 0
        self._n += 1
        try:
            total = self._proc.memory_info().rss
            pss = _pss(self._proc.pid) if with_pss else 0
            if refresh:
                self._children = self._proc.children(recursive=True)
            for child in self._children:
                try:
                    total += child.memory_info().rss
                    pss += _pss(child.pid) if with_pss else 0
                except Exception:  # noqa: BLE001 - child ended between listing and reading
                    pass
        except Exception:  # noqa: BLE001
            return
        self.peak = max(self.peak, total)
        self.peak_pss = max(self.peak_pss, pss)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> _PeakRSS:
        if self._proc is not None:
            self._sample()
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._n = 0  # the last sample lists the descendants afresh
            self._sample()

    @property
    def mb(self) -> float:
        if self.method == "psutil":
            return self.peak / 2**20
        return _rusage_mb()[0] + _rusage_mb()[1]


def _rusage_mb() -> tuple[float, float]:
    """(ru_maxrss of this process, ru_maxrss of its largest finished child) in MB."""
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale / 2**20
    return own, kids


def run_pipeline(
    corpus_dir: Path,
    out_dir: Path,
    *,
    workers: int | None = None,
    engine: str = "local",
    show_progress: bool | None = None,
) -> tuple[dict, dict[str, str]]:
    """The ``tables`` command's path, timed; returns (measures, cleaned texts by doc_id)."""
    from .pipeline import run_tables

    gc.collect()
    with _PeakRSS() as rss:
        t0 = time.perf_counter()
        _corpus, tables, parts = run_tables(
            corpus_dir,
            out_dir,
            workers=workers,
            engine=engine,
            show_progress=show_progress,
            keep=("articles", "rejects", "similarity"),  # as the command line: the rest is freed
        )
        t3 = time.perf_counter()
    measures = {
        "articles": int(len(tables.articles)),
        "rejects": int(len(tables.rejects)),
        "words": int(tables.articles["n_words"].astype("int64").sum()),
        "seconds": t3 - t0,
        "load_s": parts["load"],
        "analyze_s": parts["analyze"],
        "write_s": parts["write"],
        "peak_rss_mb": rss.mb,
        "peak_pss_mb": rss.peak_pss / 2**20,
        "rss_method": rss.method,
        "wire_groups": int(tables.articles["wire_group"].nunique()),
        "similar_pairs": int(len(tables.similarity)),
    }
    return measures, dict(tables.texts)


def baseline_actor_names() -> list[str]:
    """Every name and alias of the gazetteer (or the bench's own name pools without one)."""
    names: set[str] = set()
    try:
        from .actors import Gazetteer

        gaz = Gazetteer.load()
        names = set(_gazetteer_names(gaz))
    except Exception:  # noqa: BLE001 - tagger not ready yet
        names = set()
    if not names:
        names = {n for p in KNOWN_PEOPLE for n in p} | {c.removeprefix("the ") for c in COUNTRIES}
        names |= {o.removeprefix("the ") for o in ORGS}
    return sorted(n for n in names if n and n.strip())


def _gazetteer_names(gaz) -> list[str]:
    """Canonical names and aliases of a :class:`storylens.actors.Gazetteer`."""
    out: list[str] = []
    for entry in getattr(gaz, "entries", {}).values():
        out.append(entry.name)
        out.extend(getattr(entry, "aliases", ()) or ())
    return out


def run_baseline(texts: list[str], *, actor_names: list[str] | None = None) -> dict:
    """The analyst's script on ``texts``; returns words, seconds, words/s and what it found."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pysbd
        from quantulum3 import parser as qparser
        from textblob import TextBlob

        names = actor_names if actor_names is not None else baseline_actor_names()
        regexes = [(n, re.compile(r"\b" + re.escape(n) + r"\b")) for n in names]
        seg = pysbd.Segmenter(language="en", clean=False)
        # one-off start-up, not charged to the baseline
        warm = "About 10,000 troops were sent by France on Tuesday, Macron said."
        seg.segment(warm)
        TextBlob(warm).sentiment  # noqa: B018
        qparser.parse(warm)

        words = sum(_count_words(t) for t in texts)
        n_sent = n_mentions = n_quantities = 0
        polarity = 0.0
        parts = dict.fromkeys(("pysbd", "regex", "textblob", "quantulum3"), 0.0)
        clock = time.perf_counter
        t0 = clock()
        for text in texts:
            for para in text.split("\n"):
                if not para.strip():
                    continue
                ta = clock()
                sents = seg.segment(para)
                parts["pysbd"] += clock() - ta
                for sent in sents:
                    n_sent += 1
                    ta = clock()
                    for _name, rx in regexes:
                        n_mentions += len(rx.findall(sent))
                    tb = clock()
                    polarity += TextBlob(sent).sentiment.polarity
                    tc = clock()
                    n_quantities += len(qparser.parse(sent))
                    td = clock()
                    parts["regex"] += tb - ta
                    parts["textblob"] += tc - tb
                    parts["quantulum3"] += td - tc
        seconds = clock() - t0
    return {
        "articles": len(texts),
        "words": words,
        "seconds": seconds,
        "words_per_s": words / seconds if seconds > 0 else 0.0,
        "sentences": n_sent,
        "mentions": n_mentions,
        "quantities": n_quantities,
        "actor_regexes": len(regexes),
        "parts_s": {k: round(v, 3) for k, v in parts.items()},
    }


def machine_info() -> dict:
    try:
        import psutil

        ram_gb = psutil.virtual_memory().total / 2**30
    except ImportError:  # pragma: no cover
        ram_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cores": cores,
        "ram_gb": round(ram_gb, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": platform.processor() or platform.machine(),
    }


def _info(msg: str) -> None:
    print(f"bench: {msg}", flush=True)


def main(args) -> int:
    """Entry point of ``python -m storylens bench`` (``args`` from :mod:`storylens.cli`)."""
    n = int(args.articles)
    sample_n = int(getattr(args, "baseline_sample", 200))
    seed = int(getattr(args, "seed", 7))
    workers = getattr(args, "workers", None)
    engine = getattr(args, "engine", "local") or "local"
    if n < 1:
        print("storylens: error: --articles must be at least 1", file=sys.stderr)
        return 2
    info = machine_info()
    _info(f"machine: {json.dumps(info)}")

    tmp = Path(tempfile.mkdtemp(prefix="storylens-bench-"))
    keep = os.environ.get("STORYLENS_BENCH_KEEP", "") not in ("", "0")
    try:
        t0 = time.perf_counter()
        sources = source_sentences()
        arts = build_articles(n, seed=seed, sources=sources)
        stats = verbatim_stats(arts)
        corpus_dir = write_corpus(arts, tmp / "corpus")
        fmts = Counter(a.fmt for a in arts)
        n_wire = sum(a.wire_of is not None for a in arts)
        body_words = sum(a.body_words() for a in arts)
        del arts
        _info(
            f"corpus: {n} articles ({dict(sorted(fmts.items()))}), {n_wire} wire copies, "
            f"{body_words} body words, from {len(sources)} seed sentences, seed {seed}, "
            f"built in {time.perf_counter() - t0:.1f}s in {corpus_dir}"
        )
        ok = stats["verbatim_fraction"] <= MAX_VERBATIM_FRACTION
        _info(
            f"verbatim repeats: {stats['repeated']} of {stats['sentences']} sentences "
            f"({stats['verbatim_fraction']:.2%}, limit {MAX_VERBATIM_FRACTION:.0%}): "
            + ("OK" if ok else "FAIL")
        )
        if not ok:
            print("storylens: error: synthetic corpus repeats too many sentences", file=sys.stderr)
            return 1

        ours, texts = run_pipeline(corpus_dir, tmp / "tables", workers=workers, engine=engine)
        own_mb, kids_mb = _rusage_mb()
        _info(
            f"pipeline: {ours['articles']} articles, {ours['words']} words in "
            f"{ours['seconds']:.2f}s (load {ours['load_s']:.2f}s, analyze "
            f"{ours['analyze_s']:.2f}s, write {ours['write_s']:.2f}s); "
            f"{ours['words'] / ours['seconds']:,.0f} words/s; {ours['wire_groups']} wire groups, "
            f"{ours['similar_pairs']} similar pairs; engine {engine}, workers {workers or 'auto'}"
        )
        _info(
            f"memory: peak {ours['peak_rss_mb']:.0f} MB = "
            + (
                "max over the run of the summed RSS of this process + all descendants "
                "(psutil, 20 ms samples)"
                if ours["rss_method"] == "psutil"
                else "ru_maxrss self + largest child"
            )
            + f"; getrusage: self {own_mb:.0f} MB, largest child {kids_mb:.0f} MB"
            + (
                f"; summed PSS peak {ours['peak_pss_mb']:.0f} MB (shared pages counted once; "
                "sampled every second)"
                if ours["peak_pss_mb"]
                else ""
            )
        )

        ids = sorted(texts)
        k = min(max(sample_n, 1), len(ids))
        sample_ids = sorted(random.Random(f"storylens-bench:{seed}:sample").sample(ids, k))
        sample = [texts[d] for d in sample_ids]
        del texts
        base = run_baseline(sample)
        _info(
            f"baseline (pysbd + {base['actor_regexes']} actor regexes + TextBlob + quantulum3, "
            f"1 process): {base['articles']} articles, {base['words']} words, "
            f"{base['sentences']} sentences in {base['seconds']:.2f}s -> "
            f"{base['words_per_s']:,.0f} words/s; seconds by tool {json.dumps(base['parts_s'])}"
        )
        wps = ours["words"] / ours["seconds"] if ours["seconds"] > 0 else 0.0
        result = {
            "articles": ours["articles"],
            "words": ours["words"],
            "seconds": round(ours["seconds"], 3),
            "words_per_s": round(wps, 1),
            "peak_rss_mb": round(ours["peak_rss_mb"], 1),
            "baseline_words_per_s": round(base["words_per_s"], 1),
            "speedup": round(wps / base["words_per_s"], 2) if base["words_per_s"] else 0.0,
        }
        if keep:
            _info(f"kept corpus and tables in {tmp}")
        print(json.dumps(result), flush=True)
        return 0
    finally:
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)
