"""``extract()``: every actor and place mention in a text."""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from operator import attrgetter

from syrtui.entities.gazetteer import OPERATION_ID, Gazetteer, default_gazetteer
from syrtui.entities.matcher import (
    Candidate,
    opening_class_alternation,
    scan_forces,
    scan_gazetteer,
    tokens_key,
)
from syrtui.entities.model import Entity, Mention
from syrtui.entities.normalize import ARTICLES, TOKEN_RE, word_set
from syrtui.entities.rules import (
    ATTRIBUTIVE_ACRONYMS,
    TITLES,
    WORD_ACRONYMS,
    Name,
    acronym_definitions,
    acts_as_state,
    attributive_acronym,
    find_names,
    governorate_context,
    in_capitals_run,
    initials_match,
    rule_candidates,
    rule_entity,
)

# "Iran-backed", "Moscow-led": a state written as a backer is not a mention of its own.
_BACKER_RE = re.compile(
    r"[-‑](?:backed|led|funded|sponsored|supported|allied|aligned|affiliated|controlled|"
    r"run|held|brokered|occupied|linked)\b"
)

_FOLLOWING_WORD_RE = re.compile(r"[ \t]+([a-z][a-z-]*)")


def extract(text: str, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Actor and place mentions in ``text``, sorted by start, never overlapping.

    Names come from the gazetteer (``gazetteer`` or the package default), from
    nationality + force-noun phrases, and from context rules for names the gazetteer
    lacks. The result depends only on ``text`` and the gazetteer.
    """
    if not text:
        return []
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    # The cyclic garbage collector is paused while the mentions are built: the work makes
    # many short-lived objects and no reference cycles, and the collector's passes over
    # them (and over everything else the program holds) cost much of the time. It runs
    # again afterwards, unless it was off already.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _extract(text, gaz)
    finally:
        if collecting:
            gc.enable()


def _extract(text: str, gaz: Gazetteer) -> list[Mention]:
    names = find_names(text)
    candidates: list[Candidate] = []
    force_starts: list[int] = []
    cache = _surfaces.get(gaz.version)
    if cache is None:
        cache = _surfaces[gaz.version] = {}
    no_facts = _NO_FACTS
    for candidate in scan_gazetteer(text, gaz, force_starts):
        start = candidate.start
        end = candidate.end
        # The matched text alone decides the gazetteer ids (the scan reads the same words
        # the same way wherever they stand), so the facts are remembered per text.
        surface = text[start:end]
        facts = cache.get(surface, no_facts)
        if facts is no_facts:
            facts = _surface_facts(tuple(candidate.ids), surface, gaz)
            if len(cache) < 200_000:
                cache[surface] = facts
        if facts is None:
            if candidate.ids and candidate.ids[0] == OPERATION_ID:
                # An operation's name: it keeps the names inside it from being marked,
                # and is dropped itself when the mentions are made.
                candidate.priority = -3
                candidates.append(candidate)
            continue
        # Most matches stand for one entity whatever the sentence says.
        entity = facts[7]
        if entity is None:
            entity = _resolve(text, start, end, facts, gaz)
            if entity is None:
                continue
        candidate.entity = entity
        candidates.append(candidate)
    candidates.extend(scan_forces(text, gaz, force_starts))
    # Matched spans and their entities (an operation's name has none).
    known = {(c.start, c.end): c.entity for c in candidates}
    candidates.extend(rule_candidates(text, names, gaz, known))
    chosen = select(candidates)
    # Chosen spans never overlap, so each start has one end.
    chosen_end = {c.start: c.end for c in chosen}
    unclaimed = [n for n in names if chosen_end.get(n[0]) != n[1]]
    extra = _document_aliases(text, chosen, unclaimed, gaz.given_names)
    if extra:
        for candidate in chosen:
            candidate.priority = -1
        chosen = select_with(chosen, extra)
    new_mention = _new_mention
    return [
        new_mention(Mention, (c.start, c.end, text[c.start:c.end], c.entity))
        for c in chosen
        if c.entity is not None
        # A hashtag, a handle or a word of a snake_case tag ("#Tal_Rifaat") is a label,
        # not a mention in the article's prose.
        and text[c.start - 1:c.start] not in _TAG_MARKS
        and text[c.end:c.end + 1] != "_"
    ]


_TAG_MARKS = frozenset({"#", "@", "_"})


# Makes a Mention from a ready tuple of its fields, without the keyword-handling
# constructor (one is made per mention).
_new_mention = tuple.__new__


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then lowest priority, then leftmost.

    Candidates are split into clusters of overlapping spans, and each cluster is resolved
    on its own, so the work stays linear in the size of the text.
    """
    chosen: list[Candidate] = []
    cluster: list[Candidate] = []
    cluster_end = -1
    for candidate in sorted(candidates, key=_SPAN):
        start = candidate.start
        end = candidate.end
        if end <= start:
            continue
        if start >= cluster_end:
            if len(cluster) == 1:
                chosen.append(cluster[0])
            elif cluster:
                chosen.extend(_resolve_cluster(cluster))
            cluster = [candidate]
            cluster_end = end
        else:
            cluster.append(candidate)
            if end > cluster_end:
                cluster_end = end
    if cluster:
        chosen.extend(_resolve_cluster(cluster))
    return chosen


_SPAN = attrgetter("start", "end")


def select_with(chosen: list[Candidate], extra: list[Candidate]) -> list[Candidate]:
    """``select(chosen + extra)`` for ``chosen`` as ``select`` returns it (sorted, apart).

    Only the groups of overlapping spans that hold an ``extra`` candidate are resolved
    again; the rest of ``chosen`` is kept as it is.
    """
    extra = sorted((c for c in extra if c.end > c.start), key=_SPAN)
    starts = [c.start for c in chosen]
    ends = [c.end for c in chosen]
    result: list[Candidate] = []
    kept_to = 0  # chosen[:kept_to] are in result or in a resolved group
    index = 0
    while index < len(extra):
        high = extra[index].end
        members = [extra[index]]
        # The first chosen span that ends after this one starts.
        first = bisect_right(ends, extra[index].start)
        index += 1
        last = first
        while True:
            grown = False
            while last < len(chosen) and starts[last] < high:
                if ends[last] > high:
                    high = ends[last]
                last += 1
                grown = True
            while index < len(extra) and extra[index].start < high:
                if extra[index].end > high:
                    high = extra[index].end
                members.append(extra[index])
                index += 1
                grown = True
            if not grown:
                break
        result.extend(chosen[kept_to:first])
        # In span order but for chosen spans before the extras: the cluster's own order
        # breaks ties by length, priority and start first, so only exact ties see it,
        # and those go to the chosen span as in ``select``.
        result.extend(_resolve_cluster(chosen[first:last] + members))
        kept_to = last
    result.extend(chosen[kept_to:])
    return result


def _resolve_cluster(cluster: list[Candidate]) -> list[Candidate]:
    if len(cluster) == 1:
        return cluster
    if len(cluster) == 2:
        # Two overlapping spans (the commonest cluster: "Syrian" inside "Syrian troops"):
        # the one that sorts first wins, the earlier on a tie.
        first, second = cluster
        if (second.start - second.end, second.priority, second.start) < (
            first.start - first.end, first.priority, first.start
        ):
            return [second]
        return [first]
    ordered = sorted(cluster, key=lambda c: (c.start - c.end, c.priority, c.start))
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Candidate] = []
    for candidate in ordered:
        index = bisect_right(starts, candidate.start)
        if index and ends[index - 1] > candidate.start:
            continue
        if index < len(starts) and starts[index] < candidate.end:
            continue
        starts.insert(index, candidate.start)
        ends.insert(index, candidate.end)
        kept.insert(index, candidate)
    return kept


# What a set of gazetteer ids can stand for: (state, place, home place of a state written
# with another name, first choice, an entity of the other kind).
_Plan = tuple[Entity | None, Entity | None, Entity | None, Entity, Entity | None]
_plans: dict[str, dict[tuple[str, ...], _Plan | None]] = {}


def _plan(ids: tuple[str, ...], gaz: Gazetteer) -> _Plan | None:
    entities = [gaz.by_id[i] for i in ids if i in gaz.by_id]
    if not entities:
        return None
    state = next((e for e in entities if e.kind == "actor" and e.type == "state"), None)
    place = next((e for e in entities if e.kind == "place"), None)
    if place is not None and state is None and place.id in gaz.state_of_place:
        state = gaz.get(gaz.state_of_place[place.id])
    home = None
    if state is not None and place is None and state.id in gaz.place_of_state:
        home = gaz.get(gaz.place_of_state[state.id])
    preferred = [e for e in entities if e.id not in gaz.geonames_ids] or entities
    first = preferred[0]
    other_kind = next((e for e in preferred if e.kind != first.kind), None)
    return (state, place, home, first, other_kind)


# What a gazetteer match's own words decide, per matched text: (state, place, first
# choice, entity of the other kind, whether the text could be an attributive "US", whether
# it ends in a force noun, the governorate a place of that name lies in, and the entity
# when the sentence around cannot change it, else None).
_Surface = tuple[
    Entity | None, Entity | None, Entity, Entity | None, bool, bool, Entity | None,
    Entity | None,
]
_surfaces: dict[str, dict[str, _Surface | None]] = {}


def _surface_facts(ids: tuple[str, ...], surface: str, gaz: Gazetteer) -> _Surface | None:
    plans = _plans.setdefault(gaz.version, {})
    if ids in plans:
        plan = plans[ids]
    else:
        plan = plans[ids] = _plan(ids, gaz)
    if plan is None:
        return None
    state, place, home, first, other_kind = plan
    if home is not None and tokens_key([surface]) == tokens_key([home.name]):
        place = home
    table = gaz.forces
    words = surface.split()
    force_noun_last = (
        table is not None
        and bool(words)
        and words[-1].islower()
        and words[-1] in table.force_nouns
    )
    governorate_id = gaz.governorate_of.get(tokens_key(TOKEN_RE.findall(surface)))
    governorate = gaz.by_id.get(governorate_id) if governorate_id is not None else None
    # No context check can apply: not a country (backer and attributive checks), one
    # entity to choose, not a state or government (backer check), no force noun at the
    # end, and no governorate of the same name.
    fixed = (
        first
        if surface not in WORD_ACRONYMS
        and state is None
        and other_kind is None
        and not (place is not None and place.type == "country")
        and not (first.kind == "actor" and first.type in ("state", "government"))
        and not (first.kind == "actor" and force_noun_last)
        and not (first.kind != "actor" and governorate is not None)
        else None
    )
    return (
        state,
        place,
        first,
        other_kind,
        surface in ATTRIBUTIVE_ACRONYMS,
        force_noun_last,
        governorate,
        fixed,
    )


def _resolve(text: str, start: int, end: int, facts: _Surface, gaz: Gazetteer) -> Entity | None:
    """Pick the entity a gazetteer match stands for, using the sentence around it."""
    state, place, first, other_kind, maybe_attributive, force_noun_last, governorate, _ = facts
    if text[start:end] in WORD_ACRONYMS and in_capitals_run(text, start, end):
        return None
    is_country = state is not None or (place is not None and place.type == "country")
    backer = text[end:end + 1] in ("-", "‑") and _BACKER_RE.match(text, end) is not None
    if is_country and (
        backer or (maybe_attributive and attributive_acronym(text, start, end))
    ):
        return None
    if state is not None and place is not None:
        chosen = state if acts_as_state(text, start, end) else place
    elif state is not None:
        chosen = state
    elif other_kind is not None:
        # One spelling, two kinds (a town and a TV channel): the sentence decides.
        actor = first if first.kind == "actor" else other_kind
        place_entity = other_kind if actor is first else first
        chosen = actor if acts_as_state(text, start, end) else place_entity
    else:
        chosen = first
    if chosen.kind == "actor":
        if backer and chosen.type in ("state", "government"):
            return None
        if force_noun_last and _attributive_force(text, start, end, gaz):
            return None
    elif (
        governorate is not None
        and chosen.type != "governorate"
        and governorate_context(text, start, end)
    ):
        chosen = governorate
    return chosen


_NO_FACTS = object()


def _attributive_force(text: str, start: int, end: int, gaz: Gazetteer) -> bool:
    """True for a force name used as an adjective: "a US military convoy"."""
    table = gaz.forces
    words = text[start:end].split()
    if table is None or not words or not words[-1].islower():
        return False
    if words[-1] not in table.force_nouns:
        return False
    following = _FOLLOWING_WORD_RE.match(text, end)
    return following is not None and following.group(1) in table.attributive_heads


# Per name words: (the key a rule entity of that name has in its id, the key of the name's
# one content word or None when it has more), remembered: documents repeat their names.
_WORDS_FACTS: dict[tuple[str, ...], tuple[str, str | None]] = {}
# Per person name: the key of its surname, or None for a one-word name.
_SURNAMES: dict[str, str | None] = {}
_FACTS_LIMIT = 100_000


def _words_facts(words: tuple[str, ...]) -> tuple[str, str | None]:
    facts = _WORDS_FACTS.get(words)
    if facts is None:
        content = [w for w in words if w.lower() not in ARTICLES]
        single = tokens_key(content) if len(content) == 1 else None
        facts = (tokens_key(list(words)).replace(" ", "-"), single)
        if len(_WORDS_FACTS) < _FACTS_LIMIT:
            _WORDS_FACTS[words] = facts
    return facts


def _surname_of(name: str) -> str | None:
    if name in _SURNAMES:
        return _SURNAMES[name]
    content = [w for w in TOKEN_RE.findall(name) if w.lower() not in ARTICLES]
    surname = tokens_key([content[-1]]) if len(content) >= 2 else None
    if len(_SURNAMES) < _FACTS_LIMIT:
        _SURNAMES[name] = surname
    return surname


def _document_aliases(
    text: str, chosen: list[Candidate], names: list[Name], given_names: frozenset[str]
) -> list[Candidate]:
    """Mentions that only this document defines: "(ACRONYM)" aliases, later surnames and
    given names of persons named in full, and "the Observatory" after the organisation it
    stands for."""
    extra: list[Candidate] = []
    # Where each mention and each name ends: made when the first definition is seen.
    ends: dict[int, Candidate] | None = None
    name_ends: dict[int, Name] = {}
    defined: dict[str, Entity] = {}
    for paren_start, _acronym_start, acronym in acronym_definitions(text):
        if acronym in defined:
            continue
        if ends is None:
            ends = {c.end: c for c in chosen if c.entity is not None}
            name_ends = {n.end: n for n in names}
        owner = ends.get(paren_start)
        entity: Entity | None = None
        if owner is not None and owner.entity is not None and owner.entity.kind == "actor":
            entity = owner.entity
        elif owner is None and paren_start in name_ends:
            name = name_ends[paren_start]
            if initials_match(acronym, name.words):
                entity = rule_entity("actor", name.text, "armed-group")
                extra.append(Candidate(name.start, name.end, "rule", [], entity, 1))
        if entity is not None:
            defined[acronym] = entity
    if defined:
        alias_pattern = opening_class_alternation(defined, r"[\w.]") + r"(?![\w])"
        for match in re.finditer(alias_pattern, text):
            entity = defined[match.group()]
            extra.append(Candidate(match.start(), match.end(), "alias", [], entity, -2))
    # A name a rule found once is the same entity wherever else the document uses it.
    discovered: dict[str, Entity] = {}
    for candidate in chosen:
        if candidate.entity is not None and candidate.entity.origin == "rule":
            discovered.setdefault(candidate.entity.id.split(":", 2)[2], candidate.entity)
    if discovered:
        for name in names:
            entity = discovered.get(_words_facts(name.words)[0])
            if entity is not None:
                extra.append(Candidate(name.start, name.end, "alias", [], entity, 1))
    surnames: _Owners = {}
    firsts: _Owners = {}
    for candidate in chosen:
        entity = candidate.entity
        if entity is None or entity.type != "person":
            continue
        written = text[candidate.start:candidate.end]
        surname_key = _surname_of(written)
        if surname_key is not None:
            _add_owner(surnames, surname_key, candidate.end, entity)
            first = written.split(None, 1)[0]
            if first in given_names:
                _add_owner(firsts, first, candidate.end, entity)
    if firsts:
        # "Hafez al-Assad ... Hafez": a given name alone after the full name, when no
        # surname claims the word.
        for name in names:
            if len(name.words) == 1 and name.text in firsts:
                key = _words_facts(name.words)[1]
                if key is not None and _owner_before(surnames, key, name.start) is not None:
                    continue
                entity = _owner_before(firsts, name.text, name.start)
                if entity is not None:
                    extra.append(Candidate(name.start, name.end, "alias", [], entity, 1))
    if surnames:
        for name in names:
            start, words = name.start, name.words
            if len(words) == 2 and words[0].rstrip(".") in TITLES:
                # "Sheikh Jadaan said": the surname after a title.
                start = name.end - len(words[1])
                words = words[1:]
            key = _words_facts(words)[1]
            # The most recent full name before this surname.
            entity = _owner_before(surnames, key, start) if key is not None else None
            if entity is not None:
                extra.append(Candidate(start, name.end, "alias", [], entity, 1))
    extra.extend(_head_noun_aliases(text, chosen, names))
    extra.extend(_original_script_aliases(text, chosen))
    return extra


_ARABIC_LETTER_RE = re.compile(r"[\u0600-\u06ff]")
# A name in Arabic script in brackets right after a mention: "Idlib (إدلب)".
_ORIGINAL_SCRIPT_RE = re.compile(r"[ \t]?\(([\u0600-\u06ff][\u0600-\u06ff \t\u200c]{0,80})\)")


def _original_script_aliases(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """The original-script form given in brackets after a name is a mention of it."""
    if _ARABIC_LETTER_RE.search(text) is None:
        return []
    found: list[Candidate] = []
    for candidate in chosen:
        if candidate.entity is None or text[candidate.end:candidate.end + 1] not in " \t(":
            continue
        original = _ORIGINAL_SCRIPT_RE.match(text, candidate.end)
        if original is not None:
            start, end = original.span(1)
            end = start + len(original.group(1).rstrip())
            found.append(Candidate(start, end, "alias", [], candidate.entity, 1))
    return found


# Per key (a surname, a head noun): where in the text it was last named, in text order,
# and by which entity.
_Owners = dict[str, tuple[list[int], list[Entity]]]


def _add_owner(owners: _Owners, key: str, position: int, entity: Entity) -> None:
    positions, entities = owners.setdefault(key, ([], []))
    positions.append(position)
    entities.append(entity)


def _owner_before(owners: _Owners, key: str, position: int) -> Entity | None:
    """The entity that last named ``key`` before ``position``, or None."""
    found = owners.get(key)
    if found is None:
        return None
    index = bisect_right(found[0], position)
    return found[1][index - 1] if index else None


# Nouns that stand for an organisation named before them: "the Observatory said" after
# "the Syrian Observatory for Human Rights".
HEAD_NOUNS = word_set(
    """Observatory Network Programme Program Agency Committee Council Coalition Movement
    Commission Organisation Organization Administration Ministry Authority Front Brigade
    Brigades Division Corps Party Alliance League Crescent"""
)


# Per entity id: the head nouns its name holds (none for places and persons).
_NAME_NOUNS: dict[str, tuple[str, ...]] = {}


def _name_nouns(entity: Entity) -> tuple[str, ...]:
    if entity.kind != "actor" or entity.type == "person":
        return ()
    return tuple(word for word in entity.name.split() if word in HEAD_NOUNS)


def _head_noun_aliases(
    text: str, chosen: list[Candidate], names: list[Name]
) -> list[Candidate]:
    """"the <Noun>" for the last organisation before it whose name holds that noun."""
    wanted = [
        n for n in names
        if n.text in HEAD_NOUNS and text[max(0, n.start - 4):n.start].lower() == "the "
    ]
    if not wanted:
        return []
    owners: _Owners = {}
    nouns = {n.text for n in wanted}
    known = _NAME_NOUNS
    for candidate in chosen:
        entity = candidate.entity
        if entity is None:
            continue
        held = known.get(entity.id)
        if held is None:
            held = _name_nouns(entity)
            if len(known) < _FACTS_LIMIT:
                known[entity.id] = held
        for noun in held:
            if noun in nouns:
                _add_owner(owners, noun, candidate.end, entity)
    found: list[Candidate] = []
    for name in wanted:
        entity = _owner_before(owners, name.text, name.start)
        if entity is not None:
            found.append(Candidate(name.start, name.end, "alias", [], entity, 1))
    return found
