"""The command line: ingest a document, refuse a second one of the same title, evaluate a question file."""
import json
from types import SimpleNamespace

from assistant.cli import cmd_eval, cmd_ingest
from assistant.settings import Settings


def test_ingest_adds_a_document_cited_by_its_title_and_refuses_a_second_of_the_same_title(tmp_path, capsys):
    settings = Settings(data_dir=tmp_path / "data")
    doc = tmp_path / "national.md"
    doc.write_text("# 绿色工厂梯度培育及管理暂行办法\n\n## 第十四条\n\n绿色工厂应当满足绿色工厂评价通则。\n", encoding="utf-8")
    assert cmd_ingest(SimpleNamespace(files=[str(doc)]), settings) == 0
    assert "《绿色工厂梯度培育及管理暂行办法》" in capsys.readouterr().out
    twin = tmp_path / "copy.md"
    twin.write_text(doc.read_text(encoding="utf-8"), encoding="utf-8")
    assert cmd_ingest(SimpleNamespace(files=[str(twin)]), settings) == 2
    assert cmd_ingest(SimpleNamespace(files=[str(tmp_path / "x.pdf")]), settings) == 2


def test_eval_prints_the_figures(tmp_path, capsys):
    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in [
        {"q": "失信被执行人能申报吗", "gold": [18]}, {"q": "今天天气怎么样", "gold": []}]), encoding="utf-8")
    assert cmd_eval(SimpleNamespace(file=questions), Settings(data_dir=tmp_path / "data")) == 0
    out = capsys.readouterr().out
    assert "recall@1: 1.00" in out and "out-of-scope declined: 1/1" in out
