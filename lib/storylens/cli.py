"""Command line: ``python -m storylens {tables,report,bench,browser-check}``.

Errors the user can fix (missing or empty corpus folder, unwritable output folder) print one
line on stderr, ``storylens: error: ...``, and exit with status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_USAGE = 2


class CliError(Exception):
    """A problem the user can fix; printed as one line."""


def _check_out_dir(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"cannot create output folder {out}: {exc.strerror or exc}") from None
    if not out.is_dir():
        raise CliError(f"output path {out} exists and is not a folder")
    if not os.access(out, os.W_OK | os.X_OK):
        raise CliError(f"output folder {out} is not writable")


def cmd_tables(args: argparse.Namespace) -> int:
    from .load import CorpusError
    from .pipeline import run_tables

    out = Path(args.out)
    try:
        corpus, _tables, _seconds = run_tables(
            args.corpus,
            out,
            workers=args.workers,
            engine=args.engine,
            dask_address=args.dask_address,
            before_analysis=lambda: _check_out_dir(out),
            keep=("articles", "rejects"),  # the rest is written, then freed
            stance_cues=args.stance_cues or "auto",
        )
    except CorpusError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot write tables to {out}: {exc.strerror or exc}") from None
    print(f"storylens: {corpus.summary()}; tables written to {out}", file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .load import CorpusError, read_corpus
    from .report import ReportError, build_report

    try:
        read_corpus(args.corpus)  # fail early, with one line, on a bad corpus
    except CorpusError as exc:
        raise CliError(str(exc)) from None
    _check_out_dir(Path(args.out))
    try:
        index = build_report(args.corpus, args.out, notebooks=args.notebook or None)
    except ReportError as exc:
        print(f"storylens: error: {exc} (see the HTML reports in {args.out})", file=sys.stderr)
        return 1
    print(f"storylens: report index at {index}", file=sys.stderr)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import main as bench_main

    return bench_main(args)


def cmd_browser_check(args: argparse.Namespace) -> int:
    from .browser_check import check_reports

    return check_reports(Path(args.reports).resolve())


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="storylens", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    t = sub.add_parser("tables", help="write the contract's CSV tables for a corpus folder")
    t.add_argument("--corpus", required=True, help="folder of .txt/.md/.html articles")
    t.add_argument("--out", required=True, help="folder to write the CSVs into")
    t.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    t.add_argument("--engine", choices=["local", "dask"], default="local")
    t.add_argument("--dask-address", default=None, help="scheduler address, e.g. tcp://host:8786")
    t.add_argument(
        "--stance-cues",
        default=None,
        help="stance cue file for another story's topic (default: stance_cues.yaml in the "
        "corpus folder if there is one, else the built-in topic)",
    )
    t.set_defaults(func=cmd_tables)

    r = sub.add_parser("report", help="run every notebook on a corpus into an HTML report")
    r.add_argument("--corpus", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--notebook", action="append", help="run only this notebook (repeatable)")
    r.set_defaults(func=cmd_report)

    b = sub.add_parser("bench", help="benchmark the tables pipeline on a synthetic corpus")
    b.add_argument("--articles", type=int, default=2000)
    b.add_argument("--baseline-sample", type=int, default=200)
    b.add_argument("--workers", type=int, default=None)
    b.add_argument("--seed", type=int, default=7)
    b.set_defaults(func=cmd_bench)

    c = sub.add_parser("browser-check", help="screenshot the reports in headless Chromium")
    c.add_argument("--reports", default="reports")
    c.set_defaults(func=cmd_browser_check)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CliError as exc:
        print(f"storylens: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("storylens: interrupted", file=sys.stderr)
        return 130
