"""Admin actions: off without a token, refused without the right one, and a rebuild swapped into the live service."""
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routers.admin import file_name
from assistant.settings import Settings

TOKEN = "s3cret-admin-token-for-the-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
NATIONAL = ("# 绿色工厂评价通则（试行）\n\n## 适用范围\n本通则适用于冶金、化工、建材、机械等制造业工厂的绿色评价。\n\n"
            "## 评价方式\n第三方评价机构依据本通则对工厂开展现场评审，出具评价报告。\n")


@pytest.mark.parametrize("path", ["/api/admin/reindex", "/api/admin/documents"])
def test_without_a_token_set_admin_does_not_exist(client, path):
    r = client.post(path, headers={"Authorization": "Bearer anything"}, json={"title": "t", "text": "x"})
    assert r.status_code == 404 and r.json()["message_zh"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
                                     {"Authorization": f"Basic {TOKEN}"}, {"Authorization": "Bearer " + TOKEN + "x"},
                                     {"Authorization": "Bearer 令牌".encode("utf-8")}])
def test_a_missing_or_wrong_token_is_a_401(make_client, headers):
    client = make_client(admin_token=TOKEN)
    r = client.post("/api/admin/reindex", headers=headers)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer" and r.json()["message_en"]


def test_reindex_swaps_a_new_index_into_the_running_service(make_client):
    client = make_client(admin_token=TOKEN)
    services = client.app.state.services
    before = services.index, services.answerer
    r = client.post("/api/admin/reindex", headers=AUTH)
    assert r.status_code == 200 and r.json()["documents"] == ["广东省绿色工厂梯度培育管理实施细则"]
    assert r.json()["built"] is False  # the sources did not change: nothing to embed
    assert services.index is not before[0] and services.answerer is not before[1]
    assert services.answerer.index is services.index
    hits = client.get("/api/search", params={"q": "失信被执行人", "k": 3}).json()["hits"]
    assert hits[0]["article_no"] == 18


@pytest.mark.parametrize("title, expected", [
    ("绿色工厂评价通则（试行）", "绿色工厂评价通则-试行.md"), ("../../etc/passwd", "etc-passwd.md"),
    (".hidden", "hidden.md"), ("///", "document.md"),
])
def test_file_names_hold_no_path(title, expected):
    assert file_name(title, "md") == expected


def test_an_ingested_document_is_searchable_at_once_and_after_a_restart(make_client, data_dir):
    client = make_client(admin_token=TOKEN)
    r = client.post("/api/admin/documents", headers=AUTH, json={"title": "绿色工厂评价通则（试行）", "text": NATIONAL})
    assert r.status_code == 201, r.text
    assert r.json()["title"] == "绿色工厂评价通则（试行）" and r.json()["articles"] == 2
    assert (data_dir / "documents" / r.json()["file"]).is_file()
    hits = client.get("/api/search", params={"q": "第三方评价机构现场评审", "k": 3}).json()["hits"]
    assert hits[0]["doc"] == "绿色工厂评价通则（试行）" and hits[0]["label"] == "评价方式"
    assert client.get("/api/articles/18").json()["label"] == "第十八条"  # the regulation is still first

    taken = client.post("/api/admin/documents", headers=AUTH,
                        json={"title": "广东省绿色工厂梯度培育管理实施细则", "text": "## 一\n冒名顶替。"})
    assert taken.status_code == 409

    with TestClient(create_app(Settings(data_dir=data_dir, rate_limit=0))) as again:
        hits = again.get("/api/search", params={"q": "第三方评价机构现场评审", "k": 3}).json()["hits"]
        assert hits[0]["doc"] == "绿色工厂评价通则（试行）"

    # two titles that make one file name: the second is refused, not written over the first
    clash = client.post("/api/admin/documents", headers=AUTH,
                        json={"title": "绿色工厂评价通则-试行", "text": "## 一\n另一份文件。"})
    assert clash.status_code == 409


@pytest.mark.parametrize("body, status", [
    ({"title": "", "text": "正文"}, 422), ({"title": "a", "text": ""}, 422), ({"title": "《书名》", "text": "正文"}, 422),
    ({"title": "a", "text": "正文", "format": "pdf"}, 422), ({"title": "a", "text": "正文", "path": "/etc"}, 422),
    ({"title": "a", "text": "   \n  "}, 422),
    ({"title": "日期", "text": "《日期》\n2024年13月45日印发\n第一条 总则。"}, 422),
    ({"title": "条文过多", "text": "《条文过多》\n" + "\n".join(f"第{n}条 内容{n}。" for n in range(1, 1002))}, 422),
    ({"title": "零宽标题行", "text": "《零宽标题行》\n第\u200b一条 内容。"}, 422),
    ({"title": "广东省绿色工厂\u200b梯度培育管理实施细则", "text": "## 一\n冒名顶替。"}, 409),
    ({"title": "广东省绿色工厂梯度培育管理实施细则 ", "text": "## 一\n冒名顶替。"}, 409),
])
def test_bad_documents_are_refused_before_anything_is_written(make_client, data_dir, body, status):
    client = make_client(admin_token=TOKEN)
    r = client.post("/api/admin/documents", headers=AUTH, json=body)
    assert r.status_code == status and r.json()["message_zh"]
    assert not (data_dir / "documents").exists()
