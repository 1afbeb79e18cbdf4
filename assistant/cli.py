"""Command line: ``assistant index build``, ``assistant db upgrade``, ``assistant ingest FILE…``, ``assistant eval FILE``,
``assistant serve``."""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from .settings import get_settings


def _open_index(settings):
    from knowledge.index import HybridIndex

    return HybridIndex.configured(settings)


def cmd_index(args, settings) -> int:
    index = _open_index(settings)
    state = "built" if index.built else "up to date"
    print(f"index {state}: {len(index.documents)} documents, {len(index.units)} units, "
          f"model {settings.embedding_model}, {index.build_seconds:.1f}s, data folder {settings.data_dir}")
    return 0


def cmd_db(args, settings) -> int:
    from intake.migrations import SchemaOutOfDate, upgrade
    from intake.store import store_engine

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = store_engine(settings.sqlalchemy_url)
    where = engine.url.render_as_string(hide_password=True)
    try:
        before, after = upgrade(engine)
    except SchemaOutOfDate as e:
        print(e, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    if before == after:
        print(f"session schema up to date at revision {after}: {where}")
    else:
        print(f"session schema upgraded from revision {before or 'none (empty)'} to {after}: {where}")
    return 0


def cmd_ingest(args, settings) -> int:
    from knowledge.parse import DocumentError, parse_document
    from knowledge.sources import DOCUMENT_SUFFIXES, document_titled, ingested_dir, ingested_documents, load_regulation

    target = ingested_dir(settings.data_dir)
    target.mkdir(parents=True, exist_ok=True)
    for name in args.files:
        path = Path(name)
        if path.suffix.lower() not in DOCUMENT_SUFFIXES:
            print(f"skipped {path}: only plain text (.txt) and Markdown (.md) are ingested", file=sys.stderr)
            return 2
        try:
            doc = parse_document(path.read_text(encoding="utf-8"), fallback_title=path.stem)
        except DocumentError as exc:
            print(f"skipped {path}: {exc.en} / {exc.zh}", file=sys.stderr)
            return 2
        # citations name a document by its title: two documents may not share one, once normalised (the same
        # file may be replaced)
        others = [d for p, d in ingested_documents(settings.data_dir) if p.name != path.name]
        if document_titled([load_regulation(), *others], doc.title) is not None:
            print(f"skipped {path}: a document titled 《{doc.title}》 is already in the index", file=sys.stderr)
            return 2
        if not doc.articles:
            print(f"skipped {path}: no text found", file=sys.stderr)
            return 2
        shutil.copyfile(path, target / path.name)
        print(f"ingested 《{doc.title}》: {len(doc.articles)} articles or sections")
    return cmd_index(args, settings)


def cmd_eval(args, settings) -> int:
    from .answering import Answerer
    from .evaluation import evaluate, load_questions

    index = _open_index(settings)
    if args.file is None:  # the blind banks: both halves, the report half being the one to believe
        from .evaluation import HALVES, bank_figures

        figures = {half: bank_figures(index, Answerer(index), half) for half in HALVES}
        keys = list(dict.fromkeys([*figures["tune"], *figures["report"]]))  # per-fact rows differ between halves
        width = max(len(k) for k in keys)
        print(f"{'':{width}}  {'tune half (rules fitted here)':34}  report half (nothing fitted)")
        for key in keys:
            print(f"{key:{width}}  {figures['tune'].get(key, '-'):34}  {figures['report'].get(key, '-')}")
        return 0
    figures = evaluate(index, Answerer(index), load_questions(args.file))
    for miss in figures.misses:
        print("miss", *miss)
    print("\n".join(figures.lines()))
    return 0


def cmd_serve(args, settings) -> int:
    import uvicorn

    # slow clients: a bound on connections at once (503 past it) and on idle keep-alive; a reverse proxy in front
    # also times out half-sent headers and bodies (README, Deployment)
    uvicorn.run("api.app:app", host=args.host, port=args.port, workers=args.workers,
                limit_concurrency=args.limit_concurrency or settings.limit_concurrency,
                timeout_keep_alive=args.keep_alive or settings.keep_alive_s,
                # the service decides who the client is (ASSISTANT_TRUSTED_PROXIES), never the server
                proxy_headers=False)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="assistant", description="Green-manufacturing policy assistant")
    sub = parser.add_subparsers(dest="command", required=True)
    index = sub.add_parser("index", help="build the index (or check that it is up to date)")
    index.add_argument("action", choices=["build"])
    db = sub.add_parser("db", help="bring the session database's schema to this version (before replicas start)")
    db.add_argument("action", choices=["upgrade"])
    ingest = sub.add_parser("ingest", help="add policy documents (.txt or .md) to the index")
    ingest.add_argument("files", nargs="+")
    ev = sub.add_parser("eval", help="retrieval and answer figures on a question file (JSON lines)")
    ev.add_argument("file", type=Path, nargs="?", help="a question file; without it, both halves of the blind banks")
    serve = sub.add_parser("serve", help="run the service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--limit-concurrency", type=int, help="connections at once before 503 (ASSISTANT_LIMIT_CONCURRENCY)")
    serve.add_argument("--keep-alive", type=int, help="seconds an idle keep-alive connection is kept (ASSISTANT_KEEP_ALIVE_S)")
    serve.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    handler = {"index": cmd_index, "db": cmd_db, "ingest": cmd_ingest, "eval": cmd_eval, "serve": cmd_serve}[args.command]
    return handler(args, get_settings())


if __name__ == "__main__":
    sys.exit(main())
