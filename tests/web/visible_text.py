"""What a reader of a Chinese page sees that is not Chinese: English words and snake_case codes.

`visible_text_problems(html)` reads the text a person sees (text nodes, the page title, and the
attributes a browser shows: title, placeholder, aria-label, alt, a button's value) and reports

- ``code: top_fraction`` for each snake_case identifier (an enum value shown raw), and
- ``english: Sign agreement`` for each run of English words (two letters or more), once per page.

Left out as not meant to be translated: script and style, ``<code>``, ``<kbd>`` and ``<samp>``
(a hash, a key, a command line, a questionnaire's item code), and any element marked
``translate="no"`` (the HTML attribute for content that stays as it is, e.g. a model's syntax or a
signed JSON document) or with a ``lang`` that is not Chinese (the language switch's "English").
Addresses, e-mail addresses and file names are not words; neither is a token that mixes letters
and digits (EP1, Ed25519, H2: codes a user chose or a standard's name), an abbreviation in
capitals (PLC, CSCO, RMSEA) or a name of `ALLOWED_WORDS`.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Names a Chinese page writes in Latin letters. Keep it short: a word belongs here only if Chinese
# readers meet it in Latin letters (abbreviations in capitals, PLC, CSV, RMSEA, need no entry).
ALLOWED_WORDS = frozenset(
    {
        "Chanjiao",  # the product's name, beside 产教
        # Standards and file formats named on buttons and in help.
        "Excel",
        "xAPI",
        "lavaan",  # the model syntax of the SEM report
        # Statistical methods named after their authors.
        "Likert",
        "Cronbach",
        "Holt",
        "Sobol",
        "Shapley",
        "Varimax",
        "Promax",
        "Oblimin",
        # Software in skills and course names.
        "Java",
        "Python",
        "Linux",
        "Hadoop",
        "Web",
    }
)
# An abbreviation in capitals (PLC, CNC, CSCO, RMSEA, AAA): Chinese text writes these as they are.
ABBREVIATION = re.compile(r"[A-Z]{2,6}")

HIDDEN_ELEMENTS = frozenset({"script", "style", "code", "kbd", "samp", "template"})
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
# Text inside these runs on with its neighbours ("Sign <b>agreement</b>" is one run).
INLINE_ELEMENTS = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "i", "label", "mark", "q", "s",
     "small", "span", "strong", "sub", "sup", "time", "u"}
)  # fmt: skip
SHOWN_ATTRIBUTES = frozenset({"title", "placeholder", "aria-label", "alt"})
BUTTON_INPUTS = frozenset({"submit", "button", "reset"})

NOT_WORDS = re.compile(
    r"[a-z][a-z0-9+.-]*://\S+"  # an address
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # an e-mail address
    r"|[\w-]+(?:\.[\w-]+)*\.(?:xlsx|csv|json|pem|pdf|ics|txt|html)\b"  # a file name
    r"|(?<![\w/])/[\w/.{}-]+",  # a path
    re.IGNORECASE,
)
SNAKE_CASE = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?![\w-])")
TOKEN = re.compile(r"[A-Za-z0-9]+")
# Between two words of one run: spaces and the punctuation of an English phrase.
JOINER = re.compile(r"[\s,.;:'’()&/!?\"-]*")


def _english_runs(text: str) -> list[str]:
    runs: list[list[str]] = []
    last_end = None
    for match in TOKEN.finditer(text):
        word = match.group()
        is_word = (
            word.isalpha()
            and len(word) >= 2
            and word not in ALLOWED_WORDS
            and not ABBREVIATION.fullmatch(word)
        )
        if not is_word:
            last_end = None
            continue
        if last_end is not None and JOINER.fullmatch(text[last_end : match.start()]):
            runs[-1].append(word)
        else:
            runs.append([word])
        last_end = match.end()
    return [" ".join(run) for run in runs]


def problems_in_text(text: str) -> list[str]:
    """The snake_case codes and English word runs of one piece of visible text, in order."""
    text = NOT_WORDS.sub(" ", text)
    found = [f"code: {code}" for code in SNAKE_CASE.findall(text)]
    text = SNAKE_CASE.sub(" ", text)
    found += [f"english: {run}" for run in _english_runs(text)]
    return found


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden)
        self.pieces: list[str] = []
        self.buffer: list[str] = []

    @property
    def hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def flush(self) -> None:
        text = " ".join(" ".join(self.buffer).split())
        if text:
            self.pieces.append(text)
        self.buffer = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag not in INLINE_ELEMENTS:
            self.flush()
        lang = values.get("lang")
        hidden = (
            self.hidden
            or tag in HIDDEN_ELEMENTS
            or values.get("translate", "").lower() == "no"
            or (lang is not None and tag != "html" and not lang.lower().startswith("zh"))
        )
        if not hidden:
            shown = [values[name] for name in SHOWN_ATTRIBUTES if values.get(name)]
            if tag == "input" and values.get("type", "").lower() in BUTTON_INPUTS and values.get("value"):
                shown.append(values["value"])
            self.pieces += shown
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, hidden))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in INLINE_ELEMENTS:
            self.flush()
        # Elements whose end tag may be left out (li, p, td, option) close with their parent.
        if any(open_tag == tag for open_tag, _ in self.stack):
            while self.stack:
                open_tag, _ = self.stack.pop()
                if open_tag == tag:
                    break

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.buffer.append(data)


def visible_texts(html: str) -> list[str]:
    """The pieces of text a reader sees on the page, each with its whitespace collapsed."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.pieces


def visible_text_problems(html: str) -> list[str]:
    """Each English word run and snake_case code a reader sees on the page, once, in page order."""
    found: dict[str, None] = {}
    for piece in visible_texts(html):
        for problem in problems_in_text(piece):
            found.setdefault(problem, None)
    return list(found)
