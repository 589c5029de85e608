"""Finding gazetteer names and nationality + force-noun phrases in text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from syrtui.entities.gazetteer import ForceTable, Gazetteer
from syrtui.entities.model import Entity
from syrtui.entities.normalize import (
    APOSTROPHES,
    ARTICLES,
    SPACED_ARTICLES,
    TOKEN_BODY,
    TOKEN_RE,
    UPPER_LETTERS,
    fold_first,
    fold_next,
    key_of_tokens,
    strip_possessive,
    word_set,
)

# The next token of a name: after at most three spaces, one hyphen, or a comma and a space
# ("Foreign, Commonwealth and Development Office").
_NEXT_RE = re.compile(rf"(?:['’]?[ \t\u00a0]{{1,3}}|[-‑]|,[ \t]{{1,2}})({TOKEN_RE.pattern})")
_NEXT_WORD_RE = re.compile(r"[ \t\u00a0]+([a-z][a-z-]*)")

# Lower-case class words that a name never ends with (they are dropped by the guide):
# administrative ones, and geographic ones that name the same entity as the word before
# them ("Euphrates river"). Facility words ("crossing", "camp", "oil field") stay, as the
# guide's "al-Hol camp" and "M4 highway" do, and so do "valley", "plain" and "basin",
# which often name a region apart from the river or town they are called after.
CLASS_WORDS: frozenset[str] = word_set(
    "province provinces governorate governorates countryside district districts city "
    "town village villages area region desert mountain mountains river rivers lake hill "
    "hills"
)

# Lower-case generic nouns that the guide leaves out of a name written before them
# ("Hezbollah fighters" -> "Hezbollah").
GENERIC_NOUNS: frozenset[str] = word_set(
    "movement movements forces force group groups militia militias fighters party brigade "
    "brigades council front organisation organization network"
)

# Time zones and month abbreviations of datelines and timestamps ("17:40 GMT", "Oct 14"):
# never a name, nor part of one. ("Jan" and "Mar" are left out: given name, saint.)
TIME_WORDS: frozenset[str] = word_set(
    "gmt utc bst cet cest edt est feb apr jun jul aug sep sept oct nov dec"
)

# Capitalised words that are never a one-word name: sentence openers, months, weekdays,
# byline words, and other everyday words.
STOPWORDS: frozenset[str] = word_set(
    """the a an and or but if so as at by in on of to for from with without within into
    onto over under after before since during while when where what who whom whose which
    why how this that these those there here then than it its he she they we i you his her
    their our my your me him them us one two three four five six seven eight nine ten first
    second third last next new old some many most more much few other another all both each
    every any no not none also still even only just now again already meanwhile however
    moreover furthermore further later earlier separately nevertheless instead indeed
    according sources source residents activists officials analysts witnesses reports
    report reporting editing writing said says say told asked added meanwhile yesterday
    today tonight tomorrow monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december spring
    summer autumn winter north south east west northern southern eastern western northeast
    northwest southeast southwest northeastern northwestern southeastern southwestern
    central upper lower president minister ministry government army forces police council
    news agency state states local national international military security commander
    general colonel sheikh mr mrs ms dr prime foreign defence defense interior senior
    spokesman spokeswoman photo video update breaking live read more share comment
    copyright region theme global research article articles page home contact about
    following despite although though because unless until upon among amid against between
    through throughout toward towards around near outside inside beyond across along
    whether either neither nor yet such like unlike its it's i'm we're they're"""
) | TIME_WORDS

def tokens_key(words: list[str]) -> str:
    """Matching key of a token list (articles dropped, folds remembered per word)."""
    return key_of_tokens(words)


@dataclass(slots=True)
class Candidate:
    """A possible mention before overlaps are resolved.

    ``ids`` are gazetteer ids (best first) for a name match, shared with the gazetteer and
    never changed; ``entity`` is set when the entity is already decided (force phrases,
    rules). Lower ``priority`` wins ties.
    """

    start: int
    end: int
    source: str
    ids: list[str] = field(default_factory=list)
    entity: Entity | None = None
    priority: int = 0


def _is_upper_word(word: str) -> bool:
    return word.isupper() or (len(word) > 2 and word[1] == "." and word.replace(".", "").isupper())


def _by_length(words: frozenset[str], size: int) -> str:
    return "|".join(sorted(w for w in words if len(w) == size))


# Where a gazetteer name can start: a word opening with a capital or a digit, not glued to
# a word before it. The pattern opens with one character class, so the regex engine skips
# ordinary lower-case prose at C speed.
_WORD_START_RE = re.compile(
    rf"[{UPPER_LETTERS}\d](?<![^\W_][\s\S])(?:(?<=[A-Z])\.(?:[A-Z]\.)+|{TOKEN_BODY})"
)
# A lone lower-case article as the first word: the hyphen after it ("al-", "ash-"), or the
# space between a spaced article and a capital ("al Assad"). Found in their own passes
# (they are rare) and merged with the capitalised words by position.
_BEFORE = r"(?<![^\W_])"
# One pattern per hyphen character: a pattern opening with one literal character is
# searched for much faster than one opening with a class.
_ARTICLE_HYPHEN_RES = tuple(
    re.compile(
        rf"{hyphen}(?:(?<={_BEFORE}(?:{_by_length(ARTICLES, 2)}){hyphen})()"
        rf"|(?<={_BEFORE}(?:{_by_length(ARTICLES, 3)}){hyphen})())"
    )
    for hyphen in "-‑"
)
# A spaced article before a capital ("al Assad"): one pattern per (last letter, length) of
# the articles, opening with that letter and the space, a literal the regex engine searches
# for quickly; the capital after the space is checked next, the article itself last.
_ARTICLE_SPACE_RES = tuple(
    (
        re.compile(
            rf"{re.escape(last)} (?=[{UPPER_LETTERS}])"
            rf"(?<={_BEFORE}(?:{'|'.join(sorted(group))}) )"
        ),
        size,
    )
    for last, size, group in (
        (last, size, [a for a in SPACED_ARTICLES if a[-1] == last and len(a) == size])
        for last, size in sorted({(a[-1], len(a)) for a in SPACED_ARTICLES})
    )
)


def _articles(text: str) -> list[tuple[int, str]]:
    """(start, article) of every lone article that may open a name, in text order."""
    found: list[tuple[int, str]] = []
    for pattern in _ARTICLE_HYPHEN_RES:
        for match in pattern.finditer(text):
            end = match.start()
            start = end - (2 if match.lastindex == 1 else 3)
            found.append((start, text[start:end]))
    for pattern, size in _ARTICLE_SPACE_RES:
        for match in pattern.finditer(text):
            end = match.start() + 1
            start = end - size
            found.append((start, text[start:end]))
    found.sort()
    return found


# What a first word can start: None when nothing, else (is_article, possessive_length,
# ids of the word alone, its key, whether longer names start with it).
_Head = tuple[bool, int, list[str] | None, str, bool]
# One more word after a partial key: None for an article (skipped), else (the longer key,
# its ids unless the word is a class word, possessive length, whether to go on, whether
# the word is a lower-case generic noun).
_Step = tuple[str, list[str] | None, int, bool, bool]


def _analyse_head(word: str, gazetteer: Gazetteer) -> _Head | None:
    """How a gazetteer name may start with ``word``, or None when none can."""
    if word.lower() in ARTICLES:
        return (True, 0, None, "", True)
    head = strip_possessive(word)
    key = fold_first(head)
    ids: list[str] | None = None
    if _is_upper_word(head) and head in gazetteer.acronyms:
        ids = gazetteer.acronyms[head]
    elif head.lower() not in STOPWORDS and not head[:1].isdigit():
        ids = gazetteer.keys.get(key)
    # A common word opens a longer name only as the name writes it ("North Korea"), not
    # through folding ("In Daraa" is not "Ain Dara").
    extendable = key in gazetteer.prefixes and (
        head.lower() not in STOPWORDS or head.lower() in gazetteer.first_words
    )
    if not ids and not extendable:
        return None
    return (False, len(word) - len(head), ids, key, extendable)


def _analyse_step(key: str, word: str, gazetteer: Gazetteer) -> _Step | None:
    """The partial key ``key`` extended by the next text word ``word``."""
    lowered = word.lower()
    if lowered in ARTICLES:
        return None
    bare = strip_possessive(word)
    longer = f"{key} {fold_next(bare)}"
    ids = None if word in CLASS_WORDS else gazetteer.keys.get(longer)
    return (
        longer, ids, len(word) - len(bare), longer in gazetteer.prefixes,
        word in GENERIC_NOUNS,
    )


_CACHE_LIMIT = 200_000
_MISSING = object()


def scan_gazetteer(
    text: str, gazetteer: Gazetteer, force_starts: list[int] | None = None
) -> list[Candidate]:
    """Every longest gazetteer-name match, left to right, without overlaps.

    When ``force_starts`` is given, the positions of the capitalised words that may open a
    nationality + force-noun phrase are appended to it (for ``scan_forces``).
    """
    table = gazetteer.forces
    force_firsts = (
        force_first_words(table)
        if force_starts is not None and table is not None
        else frozenset()
    )
    found: list[Candidate] = []
    resume = 0
    # Per first word and per (partial key, next word), remembered: news text repeats
    # its names, and most capitalised words can start no name at all.
    caches = _caches.setdefault(gazetteer.version, ({}, {}))
    heads = caches[0]
    force_offsets = _force_offsets_cache.setdefault(force_firsts, {})
    missing = _MISSING
    # Lone lower-case articles ("al-", "al Assad") are merged in by position.
    articles = _articles(text)
    articles.append((len(text) + 1, ""))
    article_index = 0
    pending = articles[0][0]
    last_token: re.Match[str] | None = None
    for token in _WORD_START_RE.finditer(text):
        start = token.start()
        if pending < start:
            token_end = last_token.end() if last_token is not None else 0
            while pending < start:
                # An article inside a word ("Hay'al-") is part of that word.
                if pending >= token_end and pending >= resume:
                    word = articles[article_index][1]
                    match = _match_from(text, pending, word, caches, gazetteer)
                    if match is not None:
                        found.append(Candidate(pending, match[0], "gazetteer", match[1]))
                        resume = match[0]
                article_index += 1
                pending = articles[article_index][0]
        last_token = token
        word = token[0]
        if force_firsts:
            offsets = force_offsets.get(word)
            if offsets is None:
                offsets = _force_offsets(word, force_firsts)
                if len(force_offsets) < _CACHE_LIMIT:
                    force_offsets[word] = offsets
            if offsets:
                for offset in offsets:
                    if offset == 0:
                        force_starts.append(start)  # type: ignore[union-attr]
                    else:
                        inner = _WORD_START_RE.match(text, start + offset)
                        if inner is not None and inner[0] in force_firsts:
                            force_starts.append(start + offset)  # type: ignore[union-attr]
        if start < resume:
            continue
        head = heads.get(word, missing)
        if head is missing:
            head = _analyse_head(word, gazetteer)
            if len(heads) < _CACHE_LIMIT:
                heads[word] = head
        if head is None:
            continue
        if head[0] or head[4]:
            match = _match_from(text, start, word, caches, gazetteer, head)
            if match is not None:
                found.append(Candidate(start, match[0], "gazetteer", match[1]))
                resume = match[0]
        elif head[2]:
            resume = token.end() - head[1]
            found.append(Candidate(start, resume, "gazetteer", head[2]))
    token_end = last_token.end() if last_token is not None else 0
    while article_index < len(articles) - 1:
        start, word = articles[article_index]
        if start >= token_end and start >= resume:
            match = _match_from(text, start, word, caches, gazetteer)
            if match is not None:
                found.append(Candidate(start, match[0], "gazetteer", match[1]))
                resume = match[0]
        article_index += 1
    return found


def _match_from(
    text: str,
    start: int,
    word: str,
    caches: tuple[dict[str, _Head | None], dict[tuple[str, str], _Step | None]],
    gazetteer: Gazetteer,
    head: _Head | None | object = _MISSING,
) -> tuple[int, list[str]] | None:
    """(end, ids) of the longest gazetteer name starting with ``word`` at ``start``.

    ``head`` is the word's analysis when the caller already has it.
    """
    heads, steps = caches
    missing = _MISSING
    next_match = _NEXT_RE.match
    if head is missing:
        head = heads.get(word, missing)
    if head is missing:
        head = _analyse_head(word, gazetteer)
        if len(heads) < _CACHE_LIMIT:
            heads[word] = head
    if head is None:
        return None
    position = start + len(word)
    if head[0]:
        following = next_match(text, position)
        if following is None or not (
            text[position] in "-‑"
            or (word.lower() in SPACED_ARTICLES and following[1][:1].isupper())
        ):
            return None
        word = following[1]
        position = following.end()
        head = heads.get(word, missing)
        if head is missing:
            head = _analyse_head(word, gazetteer)
        if head is None or head[0]:
            return None
    _, possessive, best_ids, key, extendable = head
    best_end = position - possessive
    while extendable:
        before = position
        following = next_match(text, position)
        if following is None:
            break
        word = following[1]
        position = following.end()
        step = steps.get((key, word), missing)
        if step is missing:
            step = _analyse_step(key, word, gazetteer)
            if len(steps) < _CACHE_LIMIT:
                steps[(key, word)] = step
        if step is None:
            continue
        key, ids, possessive, extendable, generic = step
        # A lower-case generic noun right after a known name is not part of it ("the Men
        # of Dignity movement"), unless the name is known only with it.
        if ids and not (generic and best_ids and best_end == before):
            best_ids, best_end = ids, position - possessive
    return (best_end, best_ids) if best_ids else None


_caches: dict[str, tuple[dict[str, _Head | None], dict[tuple[str, str], _Step | None]]] = {}


def _force_offsets(word: str, force_firsts: frozenset[str]) -> tuple[int, ...]:
    """Where in a scanned word a nationality + force-noun phrase may start.

    0 when the word is a nationality's first word; and the places after an apostrophe
    inside the word ("‘US" in "0‘US-led") that open with a nationality's first letter,
    where the phrase may start though the scan reads one glued word (the caller reads the
    word there from the text).
    """
    offsets = [0] if word in force_firsts else []
    initials = _force_initials.get(force_firsts)
    if initials is None:
        initials = _force_initials[force_firsts] = frozenset(w[:1] for w in force_firsts)
    for index in range(1, len(word) - 1):
        if word[index] in APOSTROPHES and word[index + 1] in initials:
            offsets.append(index + 1)
    return tuple(offsets)


_force_offsets_cache: dict[frozenset[str], dict[str, tuple[int, ...]]] = {}
_force_initials: dict[frozenset[str], frozenset[str]] = {}


_force_regex_cache: dict[int, re.Pattern[str]] = {}


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def opening_class_alternation(words: Iterable[str], not_before: str) -> str:
    """A pattern matching any of ``words`` (longest first) not right after ``not_before``.

    It opens with one character class (the words' first letters) and checks the character
    before afterwards, so the regex engine skips text without those letters at C speed.
    Spaces in the words match any run of whitespace.
    """
    choices = set(words)
    firsts = sorted({word[0] for word in choices if word})
    branches = "|".join(
        f"(?<={re.escape(letter)})(?:"
        + _alternation([w[1:] for w in choices if w[:1] == letter])
        + ")"
        for letter in firsts
    )
    return f"[{''.join(map(re.escape, firsts))}](?<!{not_before}[\\s\\S])(?:{branches})"


def force_regex(table: ForceTable) -> re.Pattern[str]:
    """The compiled pattern for nationality + force-noun phrases."""
    cached = _force_regex_cache.get(id(table))
    if cached is not None:
        return cached
    nat = f"(?:{_alternation(list(table.nationalities))})"
    first_nat = opening_class_alternation(table.nationalities, r"[\w.-]")
    coordinated = (
        rf"{first_nat}(?:(?:\s*,\s*|\s+and\s+|\s+or\s+|,\s+and\s+|[-‑]){nat}){{0,4}}"
    )
    pattern = (
        rf"(?P<nat>{coordinated})"
        rf"(?:-(?P<verb>{_alternation(table.backed_verbs)})"
        rf"\s+(?:(?:[a-z]+|{nat})\s+){{0,2}}?(?i:(?P<bnoun>{_alternation(table.backed_nouns)}))"
        rf"|\s+(?:(?i:{_alternation(table.qualifiers)})\s+)?"
        rf"(?i:(?P<fnoun>{_alternation(table.force_nouns)})))"
        r"(?![\w-])"
    )
    compiled = re.compile(pattern)
    _force_regex_cache[id(table)] = compiled
    return compiled


def force_first_words(table: ForceTable) -> frozenset[str]:
    """The first words of the nationality names, as the capitalised-word scan reads them.

    A nationality + force-noun phrase can only start at a capitalised word in this set.
    """
    known = _force_first_words.get(id(table))
    if known is None:
        firsts = (_WORD_START_RE.match(word) for word in table.nationalities)
        known = frozenset(first.group() for first in firsts if first is not None)
        _force_first_words[id(table)] = known
    return known


_force_first_words: dict[int, frozenset[str]] = {}


def _force_matches(
    text: str, table: ForceTable, starts: list[int] | None
) -> Iterator[re.Match[str]]:
    """The force pattern's matches, left to right; only tried at ``starts`` when given."""
    pattern = force_regex(table)
    if starts is None:
        yield from pattern.finditer(text)
        return
    match_at = pattern.match
    reached = 0
    for start in starts:
        if start < reached:
            continue
        match = match_at(text, start)
        if match is not None:
            reached = match.end()
            yield match


def _first_nationality_regex(table: ForceTable) -> re.Pattern[str]:
    """The pattern that reads the first nationality of a coordinated phrase."""
    known = _first_nationality_regexes.get(id(table))
    if known is None:
        known = re.compile(f"(?:{_alternation(list(table.nationalities))})")
        _first_nationality_regexes[id(table)] = known
    return known


_first_nationality_regexes: dict[int, re.Pattern[str]] = {}


def scan_forces(
    text: str, gazetteer: Gazetteer, starts: list[int] | None = None
) -> list[Candidate]:
    """Nationality + force-noun phrases ("US forces", "Turkish-backed militant groups").

    ``starts``, when given, are the positions (in order) of every capitalised word in
    ``force_first_words``: the phrases are looked for there only.
    """
    table = gazetteer.forces
    if table is None or not table.nationalities:
        return []
    found: list[Candidate] = []
    # The actor of each phrase as written, remembered: articles repeat their phrases.
    actors = _force_actors.setdefault(gazetteer.version, {})
    for match in _force_matches(text, table, starts):
        after = _NEXT_WORD_RE.match(text, match.end())
        if after is not None and after.group(1) in table.attributive_heads:
            continue
        phrase = match.group()
        entity = actors.get(phrase, _MISSING)
        if entity is _MISSING:
            entity = _force_actor(match, table, gazetteer)
            if len(actors) < _CACHE_LIMIT:
                actors[phrase] = entity
        if entity is None:
            continue
        found.append(Candidate(match.start(), match.end(), "force", [entity.id], entity))
    return found


_force_actors: dict[str, dict[str, Entity | None]] = {}


def _force_actor(match: re.Match[str], table: ForceTable, gazetteer: Gazetteer) -> Entity | None:
    """The actor a matched nationality + force-noun phrase stands for, or None."""
    nat_word = _first_nationality_regex(table).match(match.group("nat"))
    if nat_word is None:
        return None
    country = table.nationalities[nat_word.group()]
    if match.group("verb"):
        noun = " ".join(match.group("bnoun").lower().split())
        actor_id = table.backed_actor(country, noun)
    else:
        noun = " ".join(match.group("fnoun").lower().split())
        actor_id = table.force_actor(country, noun)
    return gazetteer.get(actor_id) if actor_id else None
