"""Small text helpers for reading measure wording: unit stems, cleaning, content words."""

from __future__ import annotations

import re
from typing import Literal

Stem = Literal["quantity", "quality", "rate"]

_ESM_ID = re.compile(r"^\s*(?:esm\s*)?\d+(?:\.\d+)+\s*[:.\-–]?\s*", re.IGNORECASE)
_ESM_WORD_ID = re.compile(r"^\s*esm\s*\d+(?:\.\d+)*\s*[:.\-–]?\s*", re.IGNORECASE)
_PAREN = re.compile(r"\s*\([^()]*\)")
_TOPIC = re.compile(r"^(?P<topic>[^:]{1,80}):\s+(?=\S)")
_DIRECTION = re.compile(
    r"^(?:to\s+)?(?:increase|decrease|reduce|improve|raise|lower|maintain|grow|expand)\s+"
    r"(?:the\s+)?",
    re.IGNORECASE,
)
_QUANTITY = re.compile(
    r"^(?:the\s+)?(?:total\s+)?(?:number|#|no\.|count|counts|amount|quantity|how\s+many)"
    r"(?![a-z])(?:\s+of\b)?\s*",
    re.IGNORECASE,
)
_QUALITY = re.compile(
    r"^(?:the\s+)?(?:percent(?:age)?|%|proportion|share|fraction|ratio)(?![a-z])(?:\s+of\b)?\s*",
    re.IGNORECASE,
)
_RATE = re.compile(r"^(?:the\s+)?rate\s+of\b\s*", re.IGNORECASE)
_PER_UNIT = re.compile(r"\bper\s+(?:1,?000|10,?000|100,?000|1,?000,?000)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")


def words(text: str) -> frozenset[str]:
    """A vocabulary written as one string of space-separated words."""
    return frozenset(text.split())


#: Irregular plurals that matter for population nouns.
_IRREGULAR = {
    "children": "child",
    "women": "woman",
    "men": "man",
    "people": "person",
    "persons": "person",
    "teeth": "tooth",
    "mothers": "mother",
    "data": "data",
    "ages": "age",
}

STOPWORDS = words(
    """a an the of in on at by for to from with within without and or but not no nor as is are was
    were be been being who whom whose which that this these those their them they its it his her
    our your we you i he she than then so such any all each every both either neither per via
    into onto over under about above below after before during between among across through
    while when where how what why there here has have had do does did can could may might
    must shall should will would also only just more most less least other some many much
    one two three four five six seven eight nine ten ages age year years month months week weeks
    day days past last least at-least"""
)

#: Words of a measure's form that say nothing about its subject.
FORM_WORDS = words(
    """number percent percentage proportion rate share count total measure measures esm npm
    increase decrease reduce improve raise lower maintain"""
)


def clean(text: str) -> str:
    """Drop an ESM number ('ESM 4.1', '13.1.1'), parenthetical asides and extra spaces."""
    t = _ESM_WORD_ID.sub("", text, count=1)
    t = _ESM_ID.sub("", t, count=1)
    t = _PAREN.sub(" ", t)
    t = t.replace("/", " or ")
    return re.sub(r"\s+", " ", t).strip()


def strip_topic(text: str) -> str:
    """Drop a heading before a colon ('Smoking cessation: increase …') unless it is the measure."""
    m = _TOPIC.match(text)
    if m and not stem(m.group("topic"))[0] and len(m.group("topic").split()) <= 8:
        return text[m.end() :]
    return text


def stem(text: str) -> tuple[Stem | None, str]:
    """The unit form the wording opens with, and the wording after it.

    'Number of …' is a quantity, 'Percent of …'/'Proportion of …' a quality and
    'Rate of …' (or '… per 1,000') a rate. A leading 'Increase the' is skipped.
    """
    t = text.strip()
    t = _DIRECTION.sub("", t, count=1)
    for kind, rx in (("rate", _RATE), ("quality", _QUALITY), ("quantity", _QUANTITY)):
        m = rx.match(t)
        if m:
            return kind, t[m.end() :]  # type: ignore[return-value]
    if _PER_UNIT.search(t):
        return "rate", t
    return None, t


def direction_removed(text: str) -> str | None:
    """The wording after a leading direction word ('Increase …', 'Reduce the …'), or None."""
    m = _DIRECTION.match(text)
    return text[m.end() :] if m else None


def title_stem(text: str | None) -> Stem | None:
    """The unit form of a title, after its ESM number and any heading."""
    if not text:
        return None
    return stem(strip_topic(clean(text)))[0]


def body(text: str) -> str:
    """The wording after its ESM number, heading, direction verb and unit form, lower case."""
    t = strip_topic(clean(text))
    return stem(t)[1].lower().strip(" .;")


def singular(word: str) -> str:
    w = word.lower().strip("'-")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def content_words(text: str | None) -> list[str]:
    """Content words of a text, singular, without stop words, form words or numbers."""
    if not text:
        return []
    out: list[str] = []
    for w in _WORD.findall(text.lower()):
        s = singular(w)
        if len(s) < 2 or s in STOPWORDS or s in FORM_WORDS:
            continue
        out.append(s)
    return out


def quote(text: str, limit: int = 60) -> str:
    t = re.sub(r"\s+", " ", text).strip(" ,.;")
    return t if len(t) <= limit else t[: limit - 1].rstrip() + "…"
