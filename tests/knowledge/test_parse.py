import re

import pytest

from knowledge import load_regulation, parse_document
from knowledge.numerals import article_label, cn_to_int, int_to_cn

SEED_CHAPTER_OF = {1: "第一章", 6: "第一章", 7: "第二章", 10: "第二章", 11: "第三章", 18: "第三章",
                   19: "第四章", 23: "第四章", 24: "第五章", 28: "第五章", 29: "第六章", 30: "第六章"}


@pytest.fixture(scope="module")
def doc():
    return load_regulation()


def test_document_metadata(doc):
    assert doc.title == "广东省绿色工厂梯度培育管理实施细则"
    assert doc.doc_number == "粤工信规字〔2024〕4号"
    assert doc.issuer == "广东省工业和信息化厅"
    assert (doc.issue_date, doc.in_force_date, doc.validity_years) == ("2024-06-01", "2024-07-01", 5)


def test_six_chapters_thirty_articles_numbered_in_order(doc):
    assert [c.heading for c in doc.chapters] == ["第一章 总则", "第二章 培育要求", "第三章 创建程序",
                                                 "第四章 动态管理", "第五章 配套机制", "第六章 附则"]
    assert [a.no for a in doc.articles] == list(range(1, 31))
    assert all(a.label == article_label(a.no) for a in doc.articles)


@pytest.mark.parametrize("no,chapter", SEED_CHAPTER_OF.items())
def test_chapter_of_each_article(doc, no, chapter):
    assert doc.article(no).chapter.startswith(chapter)


def test_six_items_of_article_18(doc):
    items = doc.article(18).items
    assert [i.label for i in items] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    assert "连续停产12个月以上" in items[0].text
    assert items[5].text == "（六）企业被列为失信被执行人。"


@pytest.mark.parametrize("no,count", [(7, 2), (8, 3), (9, 3), (20, 2), (23, 3), (1, 0)])
def test_item_counts(doc, no, count):
    assert len(doc.article(no).items) == count


def test_no_page_numbers_or_stray_spaces_in_article_text(doc):
    for a in doc.articles:
        assert "—" not in a.text, a.label
        assert not re.search(r"[\u4e00-\u9fff] |\s[\u4e00-\u9fff0-9]", a.text.replace("\n", "")), a.label
        assert a.text == a.text.strip()


def test_mentions_of_other_articles_are_not_headings(doc):
    assert "第十四条第一款相关标准要求" in doc.article(7).text
    assert "第12条规定" in doc.article(16).text
    assert "本办法“第十一条”规定" in doc.article(20).text
    assert doc.article(23).items[0].text == "（一）第十八条所列情况；"


def test_article_text_is_verbatim_from_the_source(doc):
    from knowledge.sources import regulation_text

    squashed = "".join(re.sub(r"—\s*\d+\s*—", "", regulation_text()).split())
    for a in doc.articles:
        assert "".join(a.text.split()) in squashed, a.label


@pytest.mark.parametrize("text,n", [("一", 1), ("十", 10), ("十八", 18), ("二十三", 23), ("三十", 30),
                                    ("一百零五", 105), ("两", 2), ("12", 12)])
def test_chinese_numerals_both_ways(text, n):
    assert cn_to_int(text) == n
    if text.isdigit() or text == "两":
        return
    assert int_to_cn(n) == text


def test_numerals_round_trip():
    assert all(cn_to_int(int_to_cn(n)) == n for n in range(1, 1000))


def test_markdown_document_without_articles_becomes_sections():
    doc = parse_document("# 绿色工厂梯度培育及管理暂行办法\n\n## 总则\n\n第一段正文。\n\n## 评价\n\n第二段。\n", "x")
    assert doc.title == "绿色工厂梯度培育及管理暂行办法"
    assert [(a.no, a.label, a.text) for a in doc.articles] == [(1, "总则", "第一段正文。"), (2, "评价", "第二段。")]


def test_plain_text_with_articles_is_parsed_by_article():
    doc = parse_document("某某办法\n\n第一条 为了规范管理，制定本办法。\n第二条 本办法自发布之日起施行。\n", "某某办法")
    assert [a.label for a in doc.articles] == ["第一条", "第二条"]
    assert doc.articles[1].text == "本办法自发布之日起施行。"
