from typing import Annotated

from fastapi import APIRouter, Query

from reading import read

from ..deps import ServicesDep
from ..errors import ApiError
from ..schemas import SearchHit, SearchOut

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", response_model=SearchOut)
def search(services: ServicesDep, q: Annotated[str, Query(max_length=2000)] = "",
           k: Annotated[int, Query(ge=1, le=20)] = 5) -> SearchOut:
    """Articles that answer the query, best first (hybrid lexical + dense retrieval)."""
    if not q.strip():
        raise ApiError(422, "empty_query", "请输入要检索的内容（参数 q）。", "The query q must not be empty.", field="q")
    index = services.index
    hits = []
    # the same reading as the chat's: simplified script, and a long query bounded to its question sentences
    reading = read(q)
    for h in services.answerer.ranked(reading, k):
        article = index.article(h.doc_index, h.article_no)
        hits.append(SearchHit(article_no=h.article_no, label=article.label, score=round(h.score, 4),
                              text=article.text, doc=article.doc, chapter=article.chapter))
    return SearchOut(hits=hits)
