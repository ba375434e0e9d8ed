"""Adversarial news-like inputs for the fuzzing campaign.

One generator of hostile text and HTML, used by the fast hypothesis slice
(`tests/test_fuzz.py`, which draws the seed) and by the long run
(`benchmarks/fuzz_campaign.py`, which walks seeds). Every input is built
from a seed, so a failure is reproduced by `adversarial_input(seed)`.

The pieces: quotes of every Unicode kind (balanced, unbalanced, nested),
attribution-like sentences, RTL scripts and bidi controls, CJK, emoji (ZWJ
sequences, flags, skin tones), zero-width and control characters, combining
marks, CR / CRLF / LS / PS line ends, long paragraphs; HTML broken,
deeply nested or with a charset it does not use.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

QUOTE_PAIRS = (
    ('"', '"'), ("'", "'"), ("\u201c", "\u201d"), ("\u2018", "\u2019"),
    ("\u201e", "\u201c"), ("\u201a", "\u2018"), ("\u00ab", "\u00bb"), ("\u00bb", "\u00ab"),
    ("\u2039", "\u203a"), ("\u300c", "\u300d"), ("\u300e", "\u300f"),
    ("\u301d", "\u301e"), ("\uff02", "\uff02"), ("\u275d", "\u275e"), ("`", "'"),
    ("\u201f", "\u201d"), ("\u201b", "\u2019"), ("\u2033", "\u2033"), ("``", "''"),
)
WORDS = (
    "the", "minister", "said", "told", "reporters", "on", "Monday", "that", "troops",
    "had", "crossed", "border", "according", "to", "officials", "denied", "reports",
    "reportedly", "Hamas", "Israel", "U.S.", "Mr.", "Smith", "Gen.", "Harel", "claimed",
    "spokesman", "added", "warned", "would", "not", "attack", "the", "city", "police",
)
SPEAKERS = ("the minister", "Maj.-Gen. Daniel Harel", "a spokesperson", "Officials",
            "she", "He", "Reuters", "the ministry", "Omar Saleh", "they")
CUES = ("said", "told reporters", "claimed", "denied", "added", "warned", "wrote",
        "according to", "insisted", "reportedly")
EXOTIC = (
    "\u0627\u0644\u0648\u0632\u064a\u0631 \u0642\u0627\u0644",  # Arabic
    "\u05d4\u05e9\u05e8 \u05d0\u05de\u05e8",  # Hebrew
    "\u202eevil\u202c", "\u200f", "\u200e", "\u2066isolate\u2069", "\u061c",
    "\u65e5\u672c\u653f\u5e9c\u306f\u767a\u8868\u3057\u305f\u3002", "\u5317\u4eac\u8bf4",
    "\ud55c\uad6d \uc815\ubd80", "\U0001f642", "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\U0001f1fa\U0001f1f8", "\U0001f44d\U0001f3fd", "\u200b", "\u200c", "\u200d", "\u2060",
    "\ufeff", "\u00ad", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028",
    "\u2029", "e\u0301", "Z\u0335\u0321\u0334a\u0336\u0317", "\ufffd", "\u00a0", "\u3000",
    "\t", "&amp;", "<", ">", "\U00010348", "\U0001d54f", "\u0e01\u0e33",
)
LINE_ENDS = ("\n", "\n\n", "\r", "\r\n", "\r\n\r\n", "\u2028", "\n \n")
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1", "shift_jis",
             "gb18030", "koi8-r", "utf-32")
DECLARED = ("utf-8", "shift_jis", "iso-8859-1", "windows-1251", "gb2312", "utf-16",
            "x-no-such-charset", "")


@dataclass(frozen=True)
class AdversarialInput:
    """One generated input: its bytes and the reader that takes them."""

    seed: int
    kind: str  # "text" or "html"
    data: bytes
    text: str  # what the bytes were made from (before encoding)


def adversarial_input(seed: int, *, paragraph_chars: int = 0,
                      small: bool = False) -> AdversarialInput:
    """The input of this seed; ``paragraph_chars`` adds one paragraph that long;
    ``small`` makes nine in ten inputs one or two short sentences, and one in
    ten (not three) an HTML page."""
    rng = random.Random(seed)
    text = _sentence(rng) + " " * rng.randint(0, 1) + _sentence(rng) \
        if small and rng.random() < 0.9 else adversarial_text(rng)
    if paragraph_chars:
        text += rng.choice(LINE_ENDS) + long_paragraph(rng, paragraph_chars)
    if rng.random() < (0.1 if small else 0.3):
        markup = adversarial_html(rng, text)
        return AdversarialInput(seed, "html", _encoded(rng, markup), text)
    return AdversarialInput(seed, "text", _encoded(rng, text), text)


def adversarial_text(rng: random.Random) -> str:
    """A few paragraphs of hostile news-like prose."""
    paragraphs = [_paragraph(rng) for _ in range(rng.randint(1, 6))]
    return "".join(p + rng.choice(LINE_ENDS) for p in paragraphs).rstrip("\n") or "x"


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(1, 5)))


def _sentence(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.4:
        return _quoted_sentence(rng)
    if roll < 0.7:
        return f"{rng.choice(SPEAKERS)} {rng.choice(CUES)} {_words(rng)}."
    return _noise(rng)


def _quoted_sentence(rng: random.Random) -> str:
    open_, close = rng.choice(QUOTE_PAIRS)
    inner = _words(rng)
    if rng.random() < 0.3:  # nested
        inner_open, inner_close = rng.choice(QUOTE_PAIRS)
        inner = f"{inner} {inner_open}{_words(rng)}{inner_close} {_words(rng)}"
    if rng.random() < 0.25:  # unbalanced
        close = "" if rng.random() < 0.5 else close * 2
    return f"{open_}{inner},{close} {rng.choice(SPEAKERS)} {rng.choice(CUES)}."


def _words(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, 12))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words) + 1), rng.choice(EXOTIC))
    return " ".join(words)


def _noise(rng: random.Random) -> str:
    return "".join(rng.choice(EXOTIC + WORDS + tuple(o for o, _ in QUOTE_PAIRS))
                   + rng.choice(("", " ", "")) for _ in range(rng.randint(1, 20)))


def long_paragraph(rng: random.Random, chars: int) -> str:
    """One paragraph (no line break) of attribution-like sentences, ``chars`` long."""
    parts: list[str] = []
    size = 0
    while size < chars:
        sentence = _quoted_sentence(rng) if rng.random() < 0.5 else \
            f"{rng.choice(SPEAKERS)} {rng.choice(CUES)} {_words(rng)}."
        parts.append(sentence)
        size += len(sentence) + 1
    return " ".join(parts)[:chars]


def adversarial_html(rng: random.Random, text: str) -> str:
    """An HTML page around the text: broken, nested, lying about its charset."""
    paragraphs = [p for p in text.replace("\r", "\n").split("\n") if p.strip()] or ["x"]
    body = "".join(_html_paragraph(rng, p) for p in paragraphs)
    depth = rng.choice((0, 0, 3, 50, 400, 3000))
    body = "<div>" * depth + body + ("</div>" * depth if rng.random() < 0.5 else "")
    charset = rng.choice(DECLARED)
    head = f'<meta charset="{charset}">' if charset else ""
    head += f"<title>{rng.choice(paragraphs)[:80]}</title>" if rng.random() < 0.7 else ""
    page = f"<html><head>{head}</head><body>{body}"
    return page + rng.choice(("</body></html>", "", "<!-- unclosed", "<p", "]]>", "</html"))


def _html_paragraph(rng: random.Random, paragraph: str) -> str:
    tag = rng.choice(("p", "p", "div", "span", "figcaption", "blockquote", "li", "h1", "td"))
    close = f"</{tag}>" if rng.random() < 0.8 else ""
    extra = rng.choice(("", "", "<br>", "<b>bold", "<script>var x='<p>';</script>",
                        "&#0;", "&#xD800;", "&nbsp;", "<![CDATA[x]]>", "<!--c-->", "</i>",
                        "<img src=x onerror=alert(1)>", "&bogus;"))
    return f"<{tag}>{paragraph}{extra}{close}"


def _encoded(rng: random.Random, text: str) -> bytes:
    encoding = rng.choice(ENCODINGS)
    return text.encode(encoding, errors="replace")
