"""Spelling-tolerant keys for names: one key for the many transliterations of a name.

A name is split into tokens; each token is folded (diacritics and apostrophe marks
removed, common vowel and consonant variants merged, doubled letters collapsed) and
Arabic article tokens ("al", "el", "ash", ...) are dropped. The same function is applied
to gazetteer names and to text, so "Deir Ezzor", "Deir ez-Zor", "Dayr az-Zawr",
"Deir al-Zour" and "Deir el-Zor" all give the key ``"dir zur"``.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import groupby


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set."""
    return frozenset(text.split())


# Arabic definite-article forms as they appear in Latin transliteration.
ARTICLES: frozenset[str] = word_set(
    "al el il ul ad ar as ash at az an adh ath ed en er es esh et ez"
)

# Article forms that may stand apart from the name with a space ("Ras al Ain"); the
# others ("as", "at", "an", ...) are English words too and count only with a hyphen.
SPACED_ARTICLES: frozenset[str] = word_set("al el ash adh ath az")

# Letters that may begin a name: ASCII capitals and Latin capitals with diacritics.
UPPER_LETTERS = "A-Z" + "".join(
    ch for ch in map(chr, range(0xC0, 0x250)) if ch.isupper() and ch.isalpha()
)

# A word: letters/digits with inner apostrophe marks ("Hay'at", "People's"), or a dotted
# acronym ("U.S.", "U.N.").
APOSTROPHES = "'’ʿʾ‘`"
# (Written as runs of word characters joined by single marks: the same matches as a
# per-character alternation, several times faster in the regex engine.)
TOKEN_BODY = rf"[^\W_]*(?:[{APOSTROPHES}][^\W_]+)*"
TOKEN_RE = re.compile(rf"[A-Z]\.(?:[A-Z]\.)+|[^\W_]{TOKEN_BODY}")

_MARKS_RE = re.compile(f"[{APOSTROPHES}.]")
_GLUED_ARTICLE_RE = re.compile(r"^[ae](th|dh|sh|[tdrzsn])\1")
_DOUBLE_RE = re.compile(r"(.)\1+")

# Vowel and consonant digraphs folded to one letter, then single-letter variants.
_DIGRAPHS: dict[str, str] = {
    "ou": "u", "oo": "u", "aw": "u", "ee": "i", "ie": "i", "ei": "i", "ey": "i", "ay": "i",
    "ai": "i", "ae": "i", "dh": "d", "th": "t", "gh": "g", "ph": "f", "ck": "k",
}
_DIGRAPH_RE = re.compile("|".join(_DIGRAPHS))
_SINGLE_LETTERS = str.maketrans("qeoyw", "kiuiu")
_SPECIAL = str.maketrans({"ı": "i", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l"})


def strip_marks(word: str) -> str:
    """Lower-case ``word`` without diacritics, apostrophe marks or dots."""
    if word.isascii():
        plain = word.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", word.lower().translate(_SPECIAL))
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _MARKS_RE.sub("", plain)


def _digraph(match: re.Match[str]) -> str:
    return _DIGRAPHS[match.group()]


def fold_token(word: str, first: bool = True) -> str:
    """The folded form of one token; ``first`` is False after the first name token.

    After the first token an article glued to a doubled sun letter is removed
    ("Ezzor" -> "zor", as in "Deir Ezzor").
    """
    text = strip_marks(word)
    if not first and len(text) >= 5 and _GLUED_ARTICLE_RE.match(text):
        text = text[1:]
    if len(text) >= 4 and text[-1] == "h" and text[-2] in "ae":
        text = text[:-2] + "a"
    if _DIGRAPH_RE.search(text) is not None:
        text = _DIGRAPH_RE.sub(_digraph, text)
    text = text.translate(_SINGLE_LETTERS)
    if _DOUBLE_RE.search(text) is None:
        return text
    return "".join(char for char, _ in groupby(text))


def is_article(word: str) -> bool:
    """True for a transliterated Arabic article token such as "al" or "ash"."""
    return word.lower() in ARTICLES


_FIRST_CACHE: dict[str, str] = {}
_NEXT_CACHE: dict[str, str] = {}
_CACHE_LIMIT = 200_000


def fold_first(word: str) -> str:
    """``fold_token(word, first=True)``, remembered per word."""
    key = _FIRST_CACHE.get(word)
    if key is None:
        key = fold_token(word, first=True)
        if len(_FIRST_CACHE) < _CACHE_LIMIT:
            _FIRST_CACHE[word] = key
    return key


def fold_next(word: str) -> str:
    """``fold_token(word, first=False)``, remembered per word."""
    key = _NEXT_CACHE.get(word)
    if key is None:
        key = fold_token(word, first=False)
        if len(_NEXT_CACHE) < _CACHE_LIMIT:
            _NEXT_CACHE[word] = key
    return key


def key_of_tokens(words: list[str]) -> str:
    """The matching key of a name given as its tokens (articles dropped)."""
    folded: list[str] = []
    for word in words:
        if word.lower() in ARTICLES:
            continue
        folded.append(fold_next(word) if folded else fold_first(word))
    return " ".join(folded)


def name_key(name: str) -> str:
    """The matching key of a whole name: ``name_key("Deir ez-Zor") == "dir zur"``."""
    words = TOKEN_RE.findall(name)
    if words and words[-1].lower() in ("s",) and len(words) > 1:
        words = words[:-1]
    return key_of_tokens([strip_possessive(w) for w in words])


def strip_possessive(word: str) -> str:
    """``word`` without a trailing possessive "'s"."""
    if len(word) > 2 and word[-1] == "s" and word[-2] in APOSTROPHES:
        return word[:-2]
    return word


def is_acronym(name: str) -> bool:
    """True for an acronym alias written in capitals ("SDF", "U.S.", "CJTF-OIR")."""
    letters = name.replace(".", "").replace("-", "")
    return (
        2 <= len(letters) <= 9
        and " " not in name
        and letters.isalnum()
        and letters.upper() == letters
        and any(ch.isalpha() for ch in letters)
    )
