"""Our retriever against langchain's standard suite, and inside a chain."""
import pytest
from langchain_core.runnables import RunnableLambda
from langchain_tests.integration_tests import RetrieversIntegrationTests

from knowledge import load_regulation
from knowledge.fakes import HashEmbeddings
from knowledge.index import HybridIndex
from knowledge.retriever import RegulationRetriever


@pytest.fixture(scope="module")
def fake_index(tmp_path_factory):
    return HybridIndex.open([load_regulation()], HashEmbeddings(), tmp_path_factory.mktemp("ix"), "fake")


class TestRegulationRetrieverStandard(RetrieversIntegrationTests):
    @pytest.fixture(autouse=True)
    def _index(self, fake_index):
        self._idx = fake_index

    @property
    def retriever_constructor(self):
        return RegulationRetriever

    @property
    def retriever_constructor_params(self):
        return {"index": self._idx}

    @property
    def retriever_query_example(self):
        return "绿色工厂培育对象应当符合哪些条件"


def test_documents_carry_their_citation(fake_index):
    docs = RegulationRetriever(index=fake_index, k=2).invoke("第十八条")
    assert docs[0].metadata["article_no"] == 18 and docs[0].metadata["label"] == "第十八条"
    assert docs[0].page_content == load_regulation().article(18).text


def test_composes_in_a_chain(fake_index):
    chain = RegulationRetriever(index=fake_index, k=1) | RunnableLambda(lambda ds: ds[0].metadata["label"])
    assert chain.invoke("第三十条") == "第三十条"
