"""The unofficial English rendering of the regulation, aligned with it sentence by sentence
(``sources/gd_green_factory_2024.en.jsonl``: article, paragraph, sentence, the Chinese as parsed, the English).
A quote is rendered by the sentences it is made of; the Chinese text stays the authoritative one."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files

RENDERING = "gd_green_factory_2024.en.jsonl"
NOTE = ("Unofficial English translation; the Chinese text of 《广东省绿色工厂梯度培育管理实施细则》 is the only "
        "authoritative version.")


def _squash(text: str) -> str:
    return "".join(text.split())


@lru_cache(maxsize=1)
def segments() -> dict[int, list[tuple[str, str]]]:
    """Article number → its sentences in order, as (Chinese squashed, English)."""
    text = files("knowledge").joinpath("sources").joinpath(RENDERING).read_text(encoding="utf-8")
    out: dict[int, list[tuple[str, str]]] = {}
    for line in filter(None, text.splitlines()):
        d = json.loads(line)
        out.setdefault(d["article_no"], []).append((_squash(d["zh"]), d["en"]))
    return out


def english(article_no: int, quote: str, doc_index: int = 0) -> str | None:
    """The English of a quote from the regulation: the sentences it spans, or the one sentence it lies in.
    None for another document (no rendering of it ships) or a quote that is not the regulation's."""
    if doc_index != 0:
        return None
    parts = segments().get(article_no, [])
    q = _squash(quote)
    inside = [en for zh, en in parts if zh and zh in q]
    if inside:
        return " ".join(inside)
    return next((en for zh, en in parts if q and q in zh), None)
