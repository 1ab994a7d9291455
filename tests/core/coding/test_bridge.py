"""The English-Chinese bridge: longest phrase first, filler dropped, unknown words kept."""

from chanjiao.core.coding.bridge import EnglishBridge
from chanjiao.core.coding.lexicon import load_english_bridge

LEXICON = {"forklift driver": "叉车司机", "driver": "司机", "truck": "货车", "night shift": ""}


def test_the_longest_known_phrase_wins():
    assert EnglishBridge(LEXICON).translate(["forklift", "driver"]) == ["叉车司机"]
    assert EnglishBridge(LEXICON).translate(["truck", "driver"]) == ["货车", "司机"]


def test_an_empty_term_drops_its_phrase_and_filler_is_dropped():
    bridge = EnglishBridge(LEXICON, filler={"for"})
    assert bridge.translate(["driver", "for", "night", "shift"]) == ["司机"]


def test_unknown_words_are_kept():
    assert EnglishBridge(LEXICON).translate(["java", "driver"]) == ["java", "司机"]


def test_the_shipped_bridge_is_lower_case_and_non_empty():
    lexicon = load_english_bridge()
    assert len(lexicon) > 900
    assert all(phrase == phrase.lower() and phrase.strip() == phrase for phrase in lexicon)
    assert lexicon["cnc operator"] == "CNC操机"
