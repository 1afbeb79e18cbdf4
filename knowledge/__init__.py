"""The regulation parsed into document → chapter → article → item, and the hybrid index over it."""
from .model import Article, Chapter, Citation, Document, Item
from .numerals import article_label, cn_to_int, int_to_cn, item_label
from .parse import parse_document
from .sources import load_documents, load_regulation

__all__ = [
    "Article", "Chapter", "Citation", "Document", "Item",
    "article_label", "cn_to_int", "int_to_cn", "item_label",
    "parse_document", "load_documents", "load_regulation",
]
