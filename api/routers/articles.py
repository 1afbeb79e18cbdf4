from fastapi import APIRouter, Query

from knowledge.model import Article
from knowledge.sources import document_titled

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
def get_article(services: ServicesDep, no: int,
                doc: str | None = Query(default=None, max_length=200,
                                        description="the document's title (a citation's doc); default the regulation")
                ) -> ArticleOut:
    """One article (or section) by its number (第十八条 is 18), of the regulation or of the document a citation
    names."""
    document = services.documents[0] if doc is None else document_titled(services.documents, doc)
    if document is None:
        raise ApiError(404, "document_not_found", f"没有标题为《{doc}》的文件。", f"No document titled {doc!r}.",
                       field="doc")
    article = document.article(no)
    if article is None:
        n = len(document.articles)
        raise ApiError(404, "article_not_found", f"《{document.title}》没有第{no}条（共{n}条）。",
                       f"{document.title} has no article {no} (it has {n}).")
    return article_out(article)
