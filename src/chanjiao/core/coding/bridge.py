"""English to Chinese bridge for English and mixed job titles.

CSCO names and aliases are Chinese; an English title ("CNC operator", "forklift driver") is read
through a curated lexicon of job-title words and phrases, longest phrase first. Words the lexicon
does not know are kept as they are, so technical words shared by both languages (Java, PLC, QC)
still match the Chinese aliases that contain them.
"""

from __future__ import annotations

from collections.abc import Mapping

_MAX_PHRASE_WORDS = 4


class EnglishBridge:
    """Translate runs of English words into the Chinese terms the coder was trained on.

    Parameters
    ----------
    lexicon : mapping of str to str
        Lower-case English word or phrase to Chinese term; an empty term drops the phrase.
    filler : collection of str
        Lower-case words dropped when the lexicon does not cover them (articles, prepositions).

    Examples
    --------
    >>> bridge = EnglishBridge({"forklift driver": "叉车司机", "driver": "司机"}, {"for"})
    >>> bridge.translate(["forklift", "driver", "for", "night"])
    ['叉车司机', 'night']
    """

    def __init__(self, lexicon: Mapping[str, str], filler: frozenset[str] | set[str] = frozenset()):
        self.lexicon = dict(lexicon)
        self.filler = frozenset(filler)

    def translate(self, words: list[str]) -> list[str]:
        """Chinese terms for a run of lower-case English words, unknown words kept as they are."""
        terms: list[str] = []
        position = 0
        while position < len(words):
            for length in range(min(_MAX_PHRASE_WORDS, len(words) - position), 0, -1):
                phrase = " ".join(words[position : position + length])
                if phrase in self.lexicon:
                    if self.lexicon[phrase]:
                        terms.append(self.lexicon[phrase])
                    position += length
                    break
            else:
                if words[position] not in self.filler:
                    terms.append(words[position])
                position += 1
        return terms
