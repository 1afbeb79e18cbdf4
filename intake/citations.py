"""Citations into the regulation, built from the parsed text so that label and quote always match it."""
from __future__ import annotations

from functools import lru_cache

from knowledge import Citation, article_label, load_regulation

from .law import LawRef


@lru_cache(maxsize=None)
def cite(article_no: int, item: str | None = None, containing: str | None = None) -> Citation:
    """A citation of an article (or one of its items). The quote is the item's text, or the article's paragraph
    that contains ``containing`` (the whole article when not given), copied verbatim."""
    doc = load_regulation()
    article = doc.article(article_no)
    if article is None:
        raise LookupError(f"the regulation has no article {article_no}")
    if item is not None:
        found = next((i for i in article.items if i.label == item), None)
        if found is None:
            raise LookupError(f"{article.label} has no item {item}")
        quote = found.text
    elif containing is not None:
        quote = next((p for p in article.paragraphs if containing in p), None)
        if quote is None:
            raise LookupError(f"{article.label} does not say {containing!r}")
    else:
        quote = article.text
    return Citation(doc=doc.title, article_no=article_no, label=article_label(article_no), item=item, quote=quote)


def cite_ref(ref: LawRef, containing: str | None = None) -> Citation:
    return cite(ref.article_no, ref.item, containing)
