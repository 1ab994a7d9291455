"""Turn a noisy posting title into the words that say what the job is.

Real titles carry pay ("月薪8k"), benefits ("包吃住"), urgency ("急招！"), requirements
("男女不限 18-45岁"), places ("深圳宝安"), company names and brackets around any of these. The
cleaner cuts the title into segments at separators and brackets, segments Chinese with jieba over a
domain dictionary (occupation vocabulary, noise phrases, place names), reads English through the
bridge and drops every token that is noise or a place.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import jieba

from chanjiao.core.coding.bridge import EnglishBridge
from chanjiao.core.coding.lexicon import TitleNoise

_PAY_UNIT = r"(?:k|w|千|万|元|块)"
_PER = r"(?:\s*(?:/|每)\s*(?:月|天|日|小时|时|年|h))"
_NUMBER = r"\d+(?:\.\d+)?"
_NOISE_PATTERNS = [
    # pay with a keyword: 月薪8000, 底薪+提成 handled by the noise words, 年薪15w
    rf"(?:月薪|年薪|底薪|时薪|日薪|薪资|薪酬|工资|月入|日入|收入|综合|保底|待遇)\s*[:：]?\s*{_NUMBER}\s*{_PAY_UNIT}?"
    rf"(?:\s*[-~～—至到]\s*{_NUMBER}\s*{_PAY_UNIT}?)?\s*(?:\+|以上|起|左右)?{_PER}?",
    # pay with a unit: 8k, 1.2w, 8-12k, 16-18元/小时, 200元/天, 20-35k·14薪
    rf"{_NUMBER}\s*{_PAY_UNIT}?\s*[-~～—至到]\s*{_NUMBER}\s*{_PAY_UNIT}\+?{_PER}?",
    rf"{_NUMBER}\s*{_PAY_UNIT}\+?{_PER}?",
    rf"\d{{4,}}\s*\+?{_PER}?",
    r"\d+\s*薪",
    # ages, head counts and hours
    r"\d+\s*[-~～至到]\s*\d+\s*(?:周岁|岁)",
    r"\d+\s*(?:周岁|岁)(?:以下|以上)?",
    r"\d+\s*(?:名|人|位)",
    r"\d+\s*(?:小时|个小时)",
]
_NOISE = re.compile("|".join(f"(?:{pattern})" for pattern in _NOISE_PATTERNS))
_BRACKETED = re.compile(r"[(\[{【「『〔《〈<]([^()\[\]{}【】「」『』〔〕《》〈〉<>]*)[)\]}】」』〕》〉>]")
_BRACKET_CHARS = re.compile(r"[()\[\]{}【】「」『』〔〕《》〈〉<>]")
_LATIN_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
_LATIN_SPACE = re.compile(r"(?<=[a-z0-9+#.])\s+(?=[a-z0-9.])")
_SEPARATORS = re.compile(r"[\s|/\\,，、;；:：!！?？&~～*#@·•_—–\-=\"'“”‘’。…]+|(?<![a-z+])\+")
# Joins the words of an English phrase; a word joiner, which no separator pattern matches.
_JOINER = "\u2060"
_RUN = re.compile(r"(?P<latin>[a-z0-9.+#\u2060]*[a-z][a-z0-9.+#\u2060]*)|(?P<cjk>[\u3400-\u9fff]+)")
_WORD_FREQUENCY = 1000


@dataclass(frozen=True)
class Segment:
    """The meaningful tokens of one part of a title; ``bracketed`` when it came from brackets."""

    tokens: tuple[str, ...]
    bracketed: bool = False

    @property
    def text(self) -> str:
        """Tokens joined back, with spaces only between Latin words."""
        pieces: list[str] = []
        for token in self.tokens:
            if pieces and token.isascii() and pieces[-1][-1:].isascii():
                pieces.append(" ")
            pieces.append(token)
        return "".join(pieces)


def segments_text(segments: Iterable[Segment]) -> str:
    """Segments joined into one string, separated by a space.

    Examples
    --------
    >>> segments_text([Segment(("数控", "车工")), Segment(("cnc", "操机"), bracketed=True)])
    '数控车工 cnc操机'
    """
    return " ".join(segment.text for segment in segments)


def normalize(text: str) -> str:
    """Full-width to half-width, lower case, decorative symbols to spaces.

    Examples
    --------
    >>> normalize("ＣＮＣ操机★急招★")
    'cnc操机 急招 '
    """
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch if unicodedata.category(ch)[0] in "LNPZ" or ch in "+#" else " " for ch in text)


def domain_tokenizer(words: Iterable[str]) -> jieba.Tokenizer:
    """A jieba tokenizer whose dictionary is ``words`` only (built in memory, no cache file).

    Examples
    --------
    >>> domain_tokenizer(["数控车工", "包吃住"]).lcut("数控车工包吃住", HMM=False)
    ['数控车工', '包吃住']
    """
    # The prefix dictionary is built in memory with jieba's own builder and marked initialised, so
    # jieba neither loads its 350,000-word default dictionary (0.7 s) nor writes a cache file.
    tokenizer = jieba.Tokenizer()
    entries = "\n".join(f"{word} {_WORD_FREQUENCY}" for word in sorted(set(words)) if " " not in word)
    tokenizer.FREQ, tokenizer.total = jieba.Tokenizer.gen_pfdict(io.BytesIO(entries.encode("utf-8")))
    tokenizer.initialized = True
    return tokenizer


class TitleCleaner:
    """Segments and meaningful tokens of posting titles.

    Parameters
    ----------
    vocabulary : iterable of str
        Occupation words the segmenter should keep whole (names, aliases, curated titles).
    noise : TitleNoise
        Decorations to drop.
    places : frozenset of str
        Place names to drop (those that also occur in ``vocabulary`` are kept).
    bridge : EnglishBridge
        Reader for English words.

    Examples
    --------
    >>> from chanjiao.core.coding.lexicon import TitleNoise
    >>> noise = TitleNoise(frozenset({"包吃住", "急招"}), frozenset({"急"}), ("有限公司",), frozenset())
    >>> cleaner = TitleCleaner(["数控车工", "电工"], noise, frozenset({"深圳"}), EnglishBridge({}))
    >>> cleaner.clean("急招！深圳数控车工（包吃住）月薪8-12k")
    '数控车工'
    """

    def __init__(
        self,
        vocabulary: Iterable[str],
        noise: TitleNoise,
        places: frozenset[str],
        bridge: EnglishBridge,
    ):
        vocabulary = set(vocabulary)
        self.noise = noise
        self.bridge = bridge
        occupational_text = "\n".join(vocabulary)
        self.places = frozenset(place for place in places if place not in occupational_text)
        self._dropped = (
            frozenset(word for word in noise.phrases | noise.tokens if len(word) > 1) | self.places
        )
        self._noise_characters = frozenset(word for word in noise.tokens | noise.phrases if len(word) == 1)
        self._company = re.compile(
            "^[\u3400-\u9fffa-z0-9]{2,20}?(?:" + "|".join(map(re.escape, noise.company_suffixes)) + ")"
        )
        words = {word for text in vocabulary for word in re.findall(r"[\u3400-\u9fff]{2,}", text)}
        self.tokenizer = domain_tokenizer(words | noise.phrases | self.places)

    def __getstate__(self) -> dict:
        # A jieba tokenizer holds a thread lock, which does not pickle: ship its dictionary instead,
        # so a fitted coder can be sent to other processes (batch coding on a cluster).
        state = dict(self.__dict__)
        tokenizer = state.pop("tokenizer")
        state["_dictionary"] = (tokenizer.FREQ, tokenizer.total)
        return state

    def __setstate__(self, state: dict) -> None:
        frequencies, total = state.pop("_dictionary")
        self.__dict__.update(state)
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.FREQ, self.tokenizer.total = frequencies, total
        self.tokenizer.initialized = True

    def segments(self, title: str) -> list[Segment]:
        """Meaningful segments of ``title``; falls back to all tokens when everything is noise."""
        parts = self._parts(title)
        kept = [Segment(self._meaningful(tokens), bracketed) for tokens, bracketed in parts]
        kept = [segment for segment in kept if segment.tokens]
        if kept:
            return kept
        return [Segment(tokens, bracketed) for tokens, bracketed in parts if tokens]

    def _meaningful(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        # Multi-character noise goes wherever it is a token. A single noise character (急, 招, 无)
        # is also what is left of an unknown word, so it goes only when the whole segment is noise
        # or when it leads the segment in front of a word (招 快递员).
        kept = [token for token in tokens if token not in self._dropped]
        if all(token in self._noise_characters for token in kept):
            return ()
        if len(kept) > 1 and kept[0] in self._noise_characters and len(kept[1]) > 1:
            kept = kept[1:]
        return tuple(kept)

    def clean(self, title: str) -> str:
        """The cleaned title as one string, segments separated by a space."""
        return segments_text(self.segments(title))

    def _parts(self, title: str) -> list[tuple[tuple[str, ...], bool]]:
        text = _LATIN_HYPHEN.sub(" ", normalize(title))
        text = _LATIN_SPACE.sub(_JOINER, _NOISE.sub(" | ", text))
        bracketed = _BRACKETED.findall(text)
        outer = _BRACKET_CHARS.sub(" | ", _BRACKETED.sub(" | ", text))
        pieces = [(piece, False) for piece in _SEPARATORS.split(outer)]
        for content in bracketed:
            pieces.extend((piece, True) for piece in _SEPARATORS.split(_BRACKET_CHARS.sub(" ", content)))
        return [(self._tokens(piece), inside) for piece, inside in pieces if piece.strip(_JOINER + " ")]

    def _tokens(self, piece: str) -> tuple[str, ...]:
        piece = self._company.sub("", piece.strip(_JOINER))
        tokens: list[str] = []
        for run in _RUN.finditer(piece):
            if run.group("cjk"):
                tokens.extend(self.tokenizer.lcut(run.group("cjk"), HMM=False))
                continue
            words = [word.strip(".") for word in run.group("latin").split(_JOINER) if word.strip(".")]
            tokens.extend(self._term_tokens(self._joined(self.bridge.translate(words))))
        return tuple(tokens)

    @staticmethod
    def _joined(terms: list[str]) -> str:
        # Adjacent Chinese terms are segmented together (大学 + 讲师 -> 大学讲师), Latin words apart.
        text = ""
        for term in terms:
            term = term.lower()
            if text and (term[:1].isascii() or text[-1:].isascii()):
                text += _JOINER
            text += term
        return text

    def _term_tokens(self, term: str) -> list[str]:
        # A bridged term may mix scripts ("cnc操机"): Latin words stay whole, Chinese is segmented.
        tokens: list[str] = []
        for run in _RUN.finditer(term):
            if run.group("cjk"):
                tokens.extend(self.tokenizer.lcut(run.group("cjk"), HMM=False))
            else:
                tokens.extend(word for word in run.group("latin").split(_JOINER) if word)
        return tokens
