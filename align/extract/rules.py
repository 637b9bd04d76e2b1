"""Text rules used by every extractor: hyphen joins, bullets, heading numbers, page numbers.

These are pure string functions, so they are shared by the PDF and the plain-text paths
and can be property-tested on their own.

Hyphen rule (a line that ends in "<word>-" followed by a line that starts with "<next>"):

* the next line starts with a capital letter or a digit  → keep the hyphen, no space
  ("Nord-" + "Norge" → "Nord-Norge", "Covid-" + "19" → "Covid-19");
* the next word is a conjunction ("og", "eller", "samt", "enn", "til") → it was a
  suspended compound, keep hyphen and space ("helse-" + "og omsorg" → "helse- og omsorg");
* the part before the hyphen is all capitals/digits or a single letter → keep the hyphen
  (an abbreviation or a prefix: "IKT-" + "avdelingen" → "IKT-avdelingen",
  "e-" + "post" → "e-post", "4G-" + "nettet" → "4G-nettet");
* otherwise the word was split for the line break → drop the hyphen
  ("digitali-" + "sering" → "digitalisering").
"""

from __future__ import annotations

import re

# Conjunctions that follow a suspended compound ("helse- og omsorgstjenester").
_SUSPENDED = frozenset({"og", "eller", "samt", "enn", "til", "og/eller", "så", "som"})

# The last word before a line-final hyphen: letters/digits directly before "-".
_TRAILING_HYPHEN = re.compile(r"(?:^|(?<=\s))(\S*?\w)-$")

_BULLET_GLYPHS = "•◦▪▫●○■□‣⁃∙·►▸➢✓✔*"
_DASH_BULLETS = "-–—"
# (cid:127) is how pdfminer shows a bullet drawn with code 127 in WinAnsi fonts (reportlab, some
# Office exports); U+F0xx are Symbol/Wingdings bullets from Word.
_BULLET = re.compile(
    rf"^([{re.escape(_BULLET_GLYPHS + _DASH_BULLETS)}]|[\uf000-\uf0ff]|\(cid:\d+\))\s*(\S.*)$"
)
_ENUM_ITEM = re.compile(r"^(?:\(?[0-9]{1,2}\)|\(?[a-zæøå]\))\s+\S")

_HEADING_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(\S.*)$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")

_ROMAN = re.compile(
    r"^(?=[mdclxvi])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$", re.IGNORECASE
)
_PAGE_NUMBER_LINE = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:side|s\.|page|sida)\s*)?(\d{1,4}|[ivxlcdm]{1,7})"
    r"(?:\s*(?:av|/|of)\s*\d{1,4})?(?:\s*[-–—])?$",
    re.IGNORECASE,
)
_NUMBER_TOKEN = re.compile(r"\d+|[A-Za-z]+")
_DIGITS = re.compile(r"\d+")

TERMINAL_PUNCTUATION = (".", ":", ";", ",", "!", "?")


def join_hyphenated(left: str, right: str) -> str:
    """Join two consecutive lines of one paragraph, re-joining a word split by a hyphen.

    `left` and `right` are the stripped line texts. Lines are joined with a space unless
    `left` ends in a hyphen glued to a word; see the module docstring for the rule.
    """
    if not left:
        return right
    if not right:
        return left
    m = _TRAILING_HYPHEN.search(left)
    if m is None or left.endswith("--"):
        return f"{left} {right}"
    fragment = m.group(1)
    next_word = right.split(None, 1)[0]
    first = right[0]
    if first.isupper() or first.isdigit():
        return left + right
    if next_word.lower().rstrip(",.;:") in _SUSPENDED:
        return f"{left} {right}"
    if not first.isalpha():
        return f"{left} {right}"
    if keeps_hyphen(fragment):
        return left + right
    return left[:-1] + right


def keeps_hyphen(fragment: str) -> bool:
    """True when a line-final hyphen after `fragment` is part of the word ("IKT-", "e-")."""
    core = fragment.rsplit("-", 1)[-1].rsplit("/", 1)[-1]
    core = "".join(c for c in core if c.isalnum())
    if not core:
        return True
    if len(core) == 1:
        return True
    if core.isdigit():
        return True
    letters = [c for c in core if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return True
    # the fragment already has a hyphen before it ("IKT-drifts-" is rare; "Nord-Trøndelag-")
    return False


def join_lines(lines: list[str]) -> str:
    """Join the lines of one block into a single line of text."""
    out = ""
    for line in lines:
        line = " ".join(line.split())
        out = join_hyphenated(out, line) if out else line
    return out


def split_bullet(text: str, *, allow_dash: bool = True) -> str | None:
    """The item text without its bullet glyph, or None when `text` is not a bullet line.

    Numbered items ("1)", "a)") are list items too; their marker is content and is kept.
    Dashes count as bullets only when `allow_dash` (at the start of a block).
    """
    if _ENUM_ITEM.match(text):
        return text
    m = _BULLET.match(text)
    if m is None:
        return None
    glyph, rest = m.group(1), m.group(2)
    if glyph in _DASH_BULLETS:
        if not allow_dash or not text[1:2].isspace():
            return None
    elif glyph == "*" and not text[1:2].isspace():
        return None
    return rest.strip()


def heading_number(text: str) -> tuple[str, str] | None:
    """Split "3.2 Informasjonssikkerhet" into ("3.2", "Informasjonssikkerhet").

    Returns None when the text does not start with a section number followed by a title
    that starts with a capital letter (so "2025 var et godt år" is not a heading number).
    """
    m = _HEADING_NUMBER.match(text)
    if m is None:
        return None
    number, title = m.group(1), m.group(2).strip()
    if not title[:1].isupper():
        return None
    return number, title


def number_depth(number: str) -> int:
    return number.count(".") + 1


def markdown_heading(line: str) -> tuple[int, str] | None:
    m = _MD_HEADING.match(line)
    if m is None:
        return None
    return len(m.group(1)), m.group(2)


def is_roman(token: str) -> bool:
    return bool(token) and _ROMAN.match(token) is not None


def page_number_only(text: str) -> str | None:
    """The page number when a line is nothing but one ("12", "Side 3", "- iv -", "3 av 20")."""
    m = _PAGE_NUMBER_LINE.match(text.strip())
    if m is None:
        return None
    token = m.group(1)
    if token.isdigit() or is_roman(token):
        return token
    return None


def number_tokens(text: str) -> list[str]:
    """The tokens of a line that could be page numbers: digit runs and roman numerals."""
    return [t for t in _NUMBER_TOKEN.findall(text) if t.isdigit() or is_roman(t)]


def normalise_repeated(text: str) -> str:
    """A key for running-header detection: lower case, numbers (also roman) replaced by '#'."""
    words = []
    for w in text.lower().split():
        w = _DIGITS.sub("#", w)
        core = w.strip(".,:;()[]-–—|/")
        if core and is_roman(core):
            w = w.replace(core, "#")
        words.append(w)
    return " ".join(words)


def ends_with_page_ref(text: str) -> bool:
    """True for table-of-contents lines ("3.2 Informasjonssikkerhet 14", "Forord iii")."""
    parts = text.rsplit(None, 1)
    if len(parts) < 2:
        return False
    last = parts[1].strip(".")
    return last.isdigit() or (is_roman(last) and last.islower())
