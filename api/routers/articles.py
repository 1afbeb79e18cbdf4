from fastapi import APIRouter

from knowledge.model import Article

from ..deps import ServicesDep
from ..errors import ApiError
from ..schemas import ArticleOut

router = APIRouter(prefix="/api", tags=["articles"])


def article_out(article: Article) -> ArticleOut:
    return ArticleOut(article_no=article.no, label=article.label, chapter=article.chapter, text=article.text,
                      doc=article.doc, items=[{"item": i.label, "text": i.text} for i in article.items])


@router.get("/articles", response_model=list[ArticleOut])
def list_articles(services: ServicesDep) -> list[ArticleOut]:
    """Every article of the regulation, in order."""
    return [article_out(a) for a in services.documents[0].articles]


@router.get("/articles/{no}", response_model=ArticleOut, responses={404: {"description": "no such article"}})
def get_article(services: ServicesDep, no: int) -> ArticleOut:
    """One article by its number (第十八条 is 18)."""
    article = services.documents[0].article(no)
    if article is None:
        n = len(services.documents[0].articles)
        raise ApiError(404, "article_not_found", f"细则没有第{no}条（共{n}条）。",
                       f"The regulation has no article {no} (it has {n}).")
    return article_out(article)
