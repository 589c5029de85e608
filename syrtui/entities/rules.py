"""Context rules: names the gazetteer lacks, and choices that depend on the sentence.

Rule-found entities get ``origin="rule"`` and the id ``rule:<kind>:<key>``, so the same
discovered name in two documents has the same id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from syrtui.entities.gazetteer import Gazetteer
from syrtui.entities.matcher import STOPWORDS, TIME_WORDS, Candidate, tokens_key
from syrtui.entities.model import Entity
from syrtui.entities.normalize import (
    APOSTROPHES,
    ARTICLES,
    SPACED_ARTICLES,
    TOKEN_RE,
    UPPER_LETTERS,
    is_acronym,
    strip_possessive,
    word_set,
)

_ART = "|".join(sorted(ARTICLES, key=len, reverse=True))
_CAPWORD = rf"[{UPPER_LETTERS}][^\W_]*(?:[{APOSTROPHES}][^\W_]+)*"
_ARTICLE_PREFIX = rf"(?:{_ART})[-‑]"
_SPACED = "|".join(sorted(SPACED_ARTICLES, key=len, reverse=True))
_LINK = rf"(?:{_ARTICLE_PREFIX}|(?:{_SPACED}|ibn|bin|bint|de|of)[ \t]+)?"
NAME_PATTERN = (
    rf"(?:\d{{1,3}}(?:st|nd|rd|th)[ \t]+)?(?:{_ARTICLE_PREFIX})?{_CAPWORD}"
    rf"(?:(?:[ \t]{{1,2}}|[-‑]){_LINK}{_CAPWORD})*"
)
NAME_RE = re.compile(rf"(?<![\w'’-]){NAME_PATTERN}")


# (The look-ahead only lists the letters a link word or a capitalised word can open with.)
_NAME_TAIL = rf"(?:(?:[ \t]{{1,2}}|[-‑])(?=[{UPPER_LETTERS}aeiubdo]){_LINK}{_CAPWORD})*"
# NAME_RE's matches that open with a capital or a digit, written to open with one character
# class so the regex engine skips lower-case prose at C speed (the word-boundary check
# comes after that first character). Names opening with an article ("al-Assad") are rare
# and found from their hyphen by _NAME_ARTICLE_RES.
_NAME_SCAN_RE = re.compile(
    rf"[{UPPER_LETTERS}\d](?<![\w'’-][\s\S])"
    rf"(?:(?<=\d)\d{{0,2}}(?:st|nd|rd|th)[ \t]+(?:{_ARTICLE_PREFIX})?{_CAPWORD}"
    rf"|(?<!\d)[^\W_]*(?:[{APOSTROPHES}][^\W_]+)*)"
    rf"{_NAME_TAIL}"
)


def _articles_of_length(size: int) -> str:
    return "|".join(sorted(a for a in ARTICLES if len(a) == size))


# The hyphen after an article that NAME_RE may start from (group 1: a two-letter article);
# one pattern per hyphen character, as one opening literal is searched for fastest.
_NAME_ARTICLE_RES = tuple(
    re.compile(
        rf"{hyphen}(?:(?<=(?<![\w'’-])(?:{_articles_of_length(2)}){hyphen})()"
        rf"|(?<=(?<![\w'’-])(?:{_articles_of_length(3)}){hyphen}))"
    )
    for hyphen in "-‑"
)


def _name_runs(text: str) -> list[re.Match[str]]:
    """The matches of ``NAME_RE.finditer(text)``, found with the faster patterns above."""
    article_starts = sorted(
        m.start() - (2 if m.lastindex == 1 else 3)
        for pattern in _NAME_ARTICLE_RES
        for m in pattern.finditer(text)
    )
    if not article_starts:
        return list(_NAME_SCAN_RE.finditer(text))
    article_starts.append(len(text) + 1)
    match_article = NAME_RE.match
    runs: list[re.Match[str]] = []
    index = 0
    position = 0  # end of the last run taken
    scan_from: int | None = 0
    while scan_from is not None:
        restart: int | None = None
        for match in _NAME_SCAN_RE.finditer(text, scan_from):
            match_start = match.start()
            while article_starts[index] < match_start:
                start = article_starts[index]
                index += 1
                if start >= position:
                    found = match_article(text, start)
                    if found is not None:
                        runs.append(found)
                        position = found.end()
            if match_start < position:
                if match.end() > position:
                    # It runs past an article-led run: the scan goes on from that run's end.
                    restart = position
                    break
                continue
            runs.append(match)
            position = match.end()
        scan_from = restart
    for start in article_starts[index:-1]:
        if start >= position:
            found = match_article(text, start)
            if found is not None:
                runs.append(found)
                position = found.end()
    return runs


# A name of at most six words, for look-ahead patterns (bounded work per position).
SHORT_NAME = (
    rf"(?:{_ARTICLE_PREFIX})?{_CAPWORD}(?:(?:[ \t]{{1,2}}|[-‑]){_LINK}{_CAPWORD}){{0,5}}"
)

# Words that open a sentence or a clause before a name: dropped from the front of a run.
OPENERS = word_set(
    """the a an this that these those according however meanwhile but and or so yet also in
    on at by for from with after before since during while when where what who which why
    how there here then it its he she they we i you his her their our some many most other
    another all both each every no not if as to of under over between among against near
    despite although though because until unlike like separately further later earlier
    still even only now again sources residents activists officials analysts witnesses
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december yesterday today"""
) | TIME_WORDS
DIRECTIONS = word_set(
    """north south east west northern southern eastern western northeast northwest
    southeast southwest northeastern northwestern southeastern southwestern"""
)
# Adjectives of peoples, faiths and languages: never a place name on their own.
ADJECTIVES = word_set(
    """arab arabic kurdish kurd kurds turkish turkmen druze alawite sunni shia shiite christian
    armenian assyrian syriac bedouin english french russian persian hebrew european western
    islamic muslim jewish israeli iranian iraqi syrian lebanese jordanian american british
    german chinese saudi emirati qatari egyptian yazidi circassian palestinian
    arabs turkmens druzes alawites alawis sunnis shias shiites christians armenians assyrians
    bedouins europeans westerners muslims jews israelis iranians iraqis syrians jordanians
    americans russians turks persians palestinians yazidis circassians saudis emiratis
    qataris egyptians germans afghan afghans pakistani pakistanis islamist islamists salafi
    salafist salafists jihadi jihadist jihadists sufi ismaili ismailis"""
)

ACTOR_SUFFIXES: dict[str, str] = {
    "Brigade": "armed-group", "Brigades": "armed-group", "Division": "armed-group",
    "Battalion": "armed-group", "Battalions": "armed-group", "Front": "armed-group",
    "Forces": "armed-group", "Army": "armed-group", "Movement": "armed-group",
    "Regiment": "armed-group", "Corps": "armed-group", "Units": "armed-group",
    "Legion": "armed-group", "Guard": "armed-group", "Guards": "armed-group",
    "Group": "armed-group", "Militia": "militia", "Council": "government",
    "Party": "party", "Committee": "government", "League": "humanitarian",
    "Institute": "media", "Foundation": "humanitarian", "Center": "media", "Centre": "media",
    "Holding": "company", "Telecom": "company", "Energy": "company", "Company": "company",
    "Corporation": "company", "Petroleum": "company", "Airlines": "company",
    "Court": "government", "Bureau": "government", "Embassy": "government",
    "Consulate": "government", "Airways": "company",
    "Ministry": "government", "Government": "government", "Administration": "government",
    "Police": "police-security", "Command": "armed-group", "Alliance": "armed-group",
    "Coalition": "armed-group", "Organisation": "international-org",
    "Organization": "international-org", "Agency": "international-org",
}
ACTOR_PREFIXES = word_set(
    """Liwa Liwaa Jaysh Jaish Jeish Harakat Harakah Faylaq Failaq Katibat Katiba Kataib
    Kata'ib Ansar Saraya Jabhat Ahrar Alwiya Alwiyat Tajammu Firqat Quwat Quwwat Fawj
    Tajamu"""
)
# Capitalised words that open an institution's name before "of" ("Ministry of Defence").
INSTITUTION_HEADS: dict[str, str] = {
    "Ministry": "government", "Directorate": "government", "Department": "government",
    "Council": "government", "Committee": "government", "Commission": "government",
    "Court": "government", "Office": "government", "Bureau": "government",
}
# Capitalised titles inside a name: the person is the part after the title.
TITLES = word_set(
    """President Minister General Gen Colonel Col Brigadier Major Lieutenant Captain Admiral
    Commander Sheikh Shaikh Imam Emir Mayor Governor Ambassador Envoy Dr Mr Mrs Ms King
    Prince Judge Patriarch Ayatollah Senator Secretary Spokesman Chief Leader Director Lt
    Sgt Capt Brig Maj"""
)

_AFTER_ACTOR_WORDS = (
    r"(?:faction|factions|group|groups|militia|militias|movement|tribe|tribes|clan|clans|"
    r"brigade|battalion|organisation|organization|network|party|alliance|operations room)\b"
)
_KUNYA_WORDS = frozenset({"Abu", "Umm"})
# Capitalised last words that make a name a place: "Istiklal Avenue", "Umayyad Square".
PLACE_SUFFIXES: dict[str, str] = {
    "Avenue": "site", "Street": "site", "Square": "site", "Road": "highway",
    "Highway": "highway", "Bridge": "site", "Airport": "airport", "Airbase": "airbase",
    "Prison": "prison", "Camp": "camp", "Dam": "dam", "Mosque": "site", "Hospital": "site",
    "Stadium": "site", "Market": "site", "Gate": "site", "Port": "site",
    "Crossing": "border-crossing", "Shrine": "site", "Citadel": "site", "Castle": "site",
    "Tower": "site", "Roundabout": "site", "Park": "site", "Cemetery": "site",
    "Palace": "site", "Museum": "site",
}
_PLACE_WORDS: dict[str, str] = {
    "province": "governorate", "governorate": "governorate", "countryside": "region",
    "district": "district", "sub-district": "sub-district", "village": "village",
    "town": "town", "city": "city", "area": "region", "region": "region",
    "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood", "quarter":
    "neighbourhood", "camp": "camp", "crossing": "border-crossing", "border crossing":
    "border-crossing", "airbase": "airbase", "air base": "airbase", "airport": "airport",
    "military airport": "airbase", "dam": "dam", "oil field": "oil-gas-field",
    "oil fields": "oil-gas-field", "gas field": "oil-gas-field", "field": "oil-gas-field",
    "fields": "oil-gas-field", "prison": "prison", "mountains": "mountain", "mountain":
    "mountain", "river": "river", "valley": "region", "plain": "region", "basin": "region",
    "desert": "desert", "shrine": "site", "highway": "highway", "road": "highway",
    "bridge": "site", "port": "site", "roundabout": "site", "park": "site",
    "hospital": "site",
}
# Plural place words, which also make the earlier names of a list places: "the Hajin,
# Susat and Shafa sub-districts".
_LIST_PLACE_WORDS: dict[str, str] = {
    "villages": "village", "towns": "town", "cities": "city", "districts": "district",
    "sub-districts": "sub-district", "camps": "camp", "neighbourhoods": "neighbourhood",
    "neighborhoods": "neighbourhood",
}
_PLACE_WORDS.update(_LIST_PLACE_WORDS)
# The place words that name a facility: kept in the span (the others are dropped).
FACILITY_WORDS = frozenset({
    "camp", "crossing", "border crossing", "airbase", "air base", "airport",
    "military airport", "dam", "oil field", "oil fields", "gas field", "field", "fields",
    "prison", "shrine", "highway", "road", "bridge", "port", "roundabout", "park", "hospital",
})
_AFTER_PLACE_RE = re.compile(
    r"[ \t]+("
    + "|".join(sorted((re.escape(w) for w in _PLACE_WORDS), key=len, reverse=True))
    + r")\b"
)
# Cue words just before a name.
_OF_PLACE_WORDS = word_set(
    """town towns village villages city cities area region district districts suburb suburbs
    outskirts countryside neighbourhood neighborhood province governorate camp hamlet
    municipality residents inhabitants villagers settlement settlements edge entrance
    heart"""
)
_PREPOSITIONS = word_set(
    "near in outside around towards toward into between at from through"
)
_ROLE_WORDS = word_set(
    """commander spokesman spokeswoman spokesperson leader chief head envoy official activist
    journalist correspondent minister president governor mayor director negotiator sheikh
    cleric founder researcher analyst said arrested detained assassinated kidnapped abducted
    executed appointed dismissed chair chairman chairwoman co-chair co-chairs farmer
    resident shopkeeper trader teacher doctor nurse engineer lawyer driver student elder
    mukhtar survivor witness defector"""
)
_ROLE_PAIRS = frozenset({("loyal", "to"), ("led", "by"), ("headed", "by"), ("commanded", "by")})


def cue_before(text: str, start: int) -> tuple[str, str] | None:
    """The cue right before a name: ("of-place", word), ("preposition", word), ("role", word)."""
    if start == 0 or text[start - 1] not in " \t,":
        return None
    words = text[max(0, start - 40):start].rsplit(None, 2)
    if not words:
        return None
    last = words[-1].lower()
    if last.endswith(","):
        last = last[:-1]
        if last in _ROLE_WORDS:
            return ("role", last)
        # An apposition after a role: "the governor of Daraa, Loay Kharita".
        before = text[max(0, start - 60):start].lower().split()[-5:-1]
        if any(word in _ROLE_WORDS for word in before) and "of" in before:
            return ("role", last)
        return None
    previous = words[-2].lower() if len(words) > 1 else ""
    if last == "of":
        if previous in _OF_PLACE_WORDS:
            return ("of-place", previous)
        if previous in DIRECTIONS:
            return ("preposition", previous)
        return None
    if last in _PREPOSITIONS:
        return ("preposition", last)
    if last in _ROLE_WORDS or (previous, last) in _ROLE_PAIRS:
        return ("role", last)
    return None


# An apposition after a person's name: "Assef Shawkat, the president's brother-in-law".
_PERSON_NOUNS = (
    "commander|spokesman|spokeswoman|spokesperson|leader|chief|head|envoy|minister|"
    "president|governor|mayor|director|founder|deputy|aide|adviser|advisor|officer|"
    "cleric|journalist|activist|official|brother-in-law|brother|sister|son|daughter|"
    "wife|husband|cousin|nephew|uncle|father|mother"
)
_PERSON_AFTER_RE = re.compile(
    r"[ \t]*,[ \t]+(?:(?:the|a|an|his|her|its|their)[ \t]+)?(?:[\w'’.-]+[ \t]+){0,2}?"
    rf"(?:{_PERSON_NOUNS})\b(?!-)"
)
_POSSESSIVE_ENDINGS = ("'s", "’s")
# Last words that make a name opening with a given name a place or a body, not a person:
# "Khalid ibn al-Walid Mosque", "Omar Mukhtar Street", "Omran Center".
_NOT_PERSON_ENDINGS = frozenset(PLACE_SUFFIXES) | frozenset(ACTOR_SUFFIXES) | frozenset({
    "Studies", "School", "University", "College", "Academy", "Church", "Bank", "Trust",
    "Association", "Society", "Network", "Media", "Agency", "Radio", "TV", "Channel", "Times",
    "Post", "News", "Report", "Review", "Journal", "Daily", "Garden",
})
# The second field of an institution: " and Environment", " and Expatriates".
_INSTITUTION_AND_RE = re.compile(
    r"[ \t]+and[ \t]+([A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)(?![\w'’-]|[ \t]+[A-Z])"
)
_LIST_GAP_RE = re.compile(r"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+(?:and|or)[ \t]+)$")

# Words after a country or capital that show it acting as a state.
_STATE_VERBS = word_set(
    """said says say has have had will would could can may might must should shall did does
    do need needs want wants insist insists support supports oppose opposes accuse accuses
    deny denies reject rejects plan plans hope hopes seek seeks vowed vow vows warn warns
    threaten threatens struck sent took made gave began fought shot hit led won lost met
    held kept sought brought drew chose knew saw spoke wrote stood told paid bombed agree
    urge sign launch condemn demand welcome blame froze threw cannot can't won't wouldn't
    couldn't didn't doesn't don't hasn't haven't ask accept refuse decide join withdraw
    undertook bought built broke"""
)
# After "is", "are", "was", "were": the forms that show a state acting ("Tehran is arming
# them"); others leave it the setting ("Syria is heading towards escalation").
_AGENT_ING = word_set(
    """arming playing supporting backing funding financing sending deploying attacking
    targeting pushing pressing pressuring seeking trying preparing planning threatening
    negotiating providing helping training shelling bombing striking bombarding blocking
    refusing demanding insisting accusing watching waiting talking working holding keeping
    using offering asking moving building betting counting relying hoping looking hedging
    courting signalling signaling leaning"""
)
_AUXILIARIES = word_set("is are was were")
# After "is", "are": what a state is ready or unwilling to do ("Ankara is ready to train").
_STATE_ADJECTIVES = word_set(
    "ready willing unwilling prepared keen determined reluctant eager adamant unlikely"
)
_ADVERBS = word_set(
    """also still already repeatedly reportedly rarely never meanwhile now then again later
    recently previously formally officially quickly swiftly publicly once too likely
    probably both strongly firmly categorically fully vehemently unequivocally clearly
    further"""
)
_NOT_VERBS = word_set("is was as its this has us thus perhaps plus less unless")
_PLACE_BEFORE = word_set(
    """in into across inside throughout within near from to of towards toward around outside
    entered crossed via through over at visit visited visiting left reached returned
    travelled traveled fled enter cross"""
)
_ACTOR_BEFORE = word_set(
    """against accused accuses accusing urged warned pressed asked told by blamed condemned
    criticised criticized sanctioned pressuring pressure allow allowed persuade called
    official press let lets letting helped forced blame blames blaming invaded invade
    invading attacked attacking bombed push pushed pushing pull pulled pulling drag dragged
    court courted courting compel compelled compelling oblige obliged"""
)
# After these the country is not the subject, so a verb after it is not its own.
_NOT_SUBJECT_BEFORE = word_set(
    "on about for regarding concerning under during like than upon"
)
# Before "between" or "with", these make the names after it places ("the road between
# Damascus and Sweida", "the border with Turkey").
_BORDER_WORDS = word_set(
    """border borders frontier line crossing road roads highway route routes corridor link
    links connection flights journey trip drive distance traffic"""
)
# Before "<country> <verb>-ing": "talk of Turkey putting", "fears about Iran arming".
_GERUND_OWNER_BEFORE = word_set("of about without despite")
# -ing words that are not verbs done by the name before them.
_NOT_GERUNDS = word_set(
    """during including regarding concerning following according bordering surrounding
    neighbouring neighboring remaining ongoing morning evening building housing"""
)


def _is_gerund(word: str) -> bool:
    return len(word) > 5 and word.islower() and word.endswith("ing") and word not in _NOT_GERUNDS


# "called on X": X is the state addressed.
_CALL_WORDS = word_set("call calls called calling")
# "blamed the unrest on X": the state blamed.
_BLAME_WORDS = word_set("blame blames blamed blaming")
# A time phrase between a state and its verb: "Russia on Tuesday vetoed".
_TIME_PHRASE_RE = re.compile(
    r"[ \t]+(?:(?:on|last|this|late|early|earlier|later)[ \t]+)?(?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|week|month|year|night|morning|afternoon|evening|"
    r"today|yesterday|overnight)(?=[ \t])"
)
# Before "between X and Y": a relation between states, so both names act.
_RELATION_WORDS = word_set(
    """protocol agreement agreements deal talks treaty accord war tensions relations rift
    dispute rapprochement summit negotiations contacts meeting reconciliation truce"""
)
# What a state has: "the ambassador of Belarus", "the positions of Russia".
_STATE_NOUNS = word_set(
    """ambassador ambassadors embassy embassies government governments president presidents
    ministry ministries leaders leadership position positions policy policies stance allies
    ally support decision delegation delegations authorities control creation proxy
    proxies puppet tool agent agents client representative representatives delegate
    delegates mission missions behalf"""
)
# "loyal to Tehran", "ambassador to Turkey": the state is the one followed or addressed.
_ALLEGIANCE_WORDS = word_set(
    """loyal allied close linked affiliated subordinate answerable ambassador ambassadors
    envoy envoys ties links relations message messages signal appealed appeal appeals
    according channel channels"""
)
# After "Turkey's": what makes the country the state ("Turkey's foreign minister").
_OWNED_BY_STATE = _STATE_NOUNS | word_set(
    """foreign defence defense interior prime presidency minister ministers envoy envoys
    man representative representatives request approval consent blessing behest right
    rights list interests concerns demands demand concern orbit influence sway grip actions
    action attacks aggression violations"""
)
# Words between "<state>'s" and the state's noun: "Syria's interim president".
_STATE_MODIFIERS = word_set(
    """caretaker interim new former acting top chief deputy senior outgoing incoming then
    real main own"""
)
# After "is", "are", "was", "were": the forms that show a state acted upon ("Russia is
# represented by its envoy").
_AGENT_PARTICIPLES = word_set(
    """represented backed supported accused sanctioned pressured pressed urged asked
    reported believed thought
    blamed criticised criticized condemned invited"""
)
# What comes from a state: "envoys from Ankara", "a response from Moscow".
_FROM_STATE_WORDS = word_set(
    """envoy envoys delegation delegations official officials diplomat diplomats
    representative representatives minister ministers emissary emissaries negotiators
    response reply answer approval pressure support assurances offer proposal"""
)
# The last two words of a text, read backwards: matched at the start of the reversed text
# (a search for the words at the end would try every position of the text).
_LAST_WORDS_REVERSED_RE = re.compile(r"[ \t]*([A-Za-z]+)(?:[ \t]+([A-Za-z]+))?")
_LIST_GOES_ON_RE = re.compile(r"[ \t]*(?:,|and\b|or\b)")
_COORDINATED_RE = re.compile(rf"[ \t]+(?:and|or|nor)[ \t]+(?:the[ \t]+)?{SHORT_NAME}")
_PARENTHETICAL_RE = re.compile(r"[ \t]*,[^.;,\n]{1,160},")
_NEXT_WORD_RE = re.compile(r"[ \t]+([A-Za-z]+)")
_GLUED_WORD_RE = re.compile(r"[A-Za-z]+")
# A list of names closed by a plural place word: "the Hajin, Susat and Shafa sub-districts".
_LIST_PLACE_AFTER_RE = re.compile(
    rf"(?:(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+|,[ \t]+and[ \t]+){SHORT_NAME}){{1,6}}"
    rf"[ \t]+({'|'.join(sorted(_LIST_PLACE_WORDS, key=len, reverse=True))})\b"
)
_GOVERNORATE_AFTER_RE = re.compile(
    rf"(?:(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+|,[ \t]+and[ \t]+){SHORT_NAME}){{0,6}}"
    r"[ \t]+(?:province|provinces|governorate|governorates|countryside)\b"
)
_AFTER_ACTOR_RE = re.compile(
    rf"(?:(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+|,[ \t]+and[ \t]+){SHORT_NAME}){{0,6}}"
    rf"[ \t]+{_AFTER_ACTOR_WORDS}"
)
_GOVERNORATE_BEFORE_RE = re.compile(r"(?:province|governorate|countryside)\s+of\s+$")
# Acronyms that are English words too: in a run of capitals ("THE ARMY IS READY") they
# are the words, not the names.
WORD_ACRONYMS = frozenset({"IS", "US", "WHO", "REACH"})
_CAPITAL_WORD_BEFORE_RE = re.compile(r"[A-Z]{2,}[ \t]+$")
_CAPITAL_WORD_AFTER_RE = re.compile(r"[ \t]+[A-Z]{2,}\b")


def in_capitals_run(text: str, start: int, end: int) -> bool:
    """True when a word in capitals stands right before or after ``text[start:end]``."""
    return (
        _CAPITAL_WORD_AFTER_RE.match(text, end) is not None
        or _CAPITAL_WORD_BEFORE_RE.search(text[max(0, start - 24):start]) is not None
    )


# "US" and "UK" in the spellings that may stand before a common noun as an adjective.
ATTRIBUTIVE_ACRONYMS = frozenset({"US", "U.S.", "UK", "U.K.", "USA", "U.S.A."})
_FUNCTION_WORDS = word_set(
    """and or nor in on to of for at by from with is was are were be been has had have will
    would can could may might must should said says and but as that which who than the a
    an"""
)


class Name(NamedTuple):
    """A run of capitalised words in the text, cleaned of openers and directions.

    (A named tuple: one is made for every capitalised run, and tuples are cheap to make.)
    """

    start: int
    end: int
    text: str
    words: tuple[str, ...]


# Raw run -> (offset of the name in the run, its length, its words), or None.
_CLEAN_CACHE: dict[str, tuple[int, int, tuple[str, ...]] | None] = {}


def find_names(text: str) -> list[Name]:
    """Every capitalised name-like run, with leading stop words and directions removed."""
    names: list[Name] = []
    cache = _CLEAN_CACHE
    new_name = _new_name
    for match in _name_runs(text):
        raw = match[0]
        shape = cache.get(raw, False)
        if shape is False:
            name = clean_name(raw, 0, len(raw))
            shape = None if name is None else (name.start, name.end - name.start, name.words)
            if len(cache) < 100_000:
                cache[raw] = shape
        if shape is not None:
            start = match.start() + shape[0]
            end = start + shape[1]
            names.append(new_name(Name, (start, end, text[start:end], shape[2])))
    return names


# Makes a Name from a ready tuple of its fields, without the keyword-handling constructor
# (about half the cost; one Name is made per capitalised run).
_new_name = tuple.__new__


def clean_name(text: str, start: int, end: int) -> Name | None:
    """Trim a raw capitalised run to the name proper, or None if nothing is left."""
    raw = text[start:end]
    if " " not in raw and "-" not in raw and "\t" not in raw and "‑" not in raw:
        bare = strip_possessive(raw)
        lowered = bare.lower()
        if lowered in STOPWORDS or lowered in ADJECTIVES or lowered in DIRECTIONS:
            return None
        if lowered in ARTICLES:
            return None
        return Name(start, start + len(bare), bare, (bare,))
    tokens = list(TOKEN_RE.finditer(text, start, end))
    while tokens and (
        tokens[0].group().lower() in OPENERS or tokens[0].group().lower() in DIRECTIONS
    ):
        tokens.pop(0)
    if not tokens:
        return None
    # A leading article token belongs to the name only when glued by a hyphen.
    first = tokens[0]
    if first.group().lower() in ARTICLES and (
        len(tokens) == 1 or text[first.end():first.end() + 1] not in "-‑"
    ):
        tokens.pop(0)
        if not tokens:
            return None
    new_start = tokens[0].start()
    last = tokens[-1].group()
    bare = strip_possessive(last)
    new_end = tokens[-1].end() - (len(last) - len(bare))
    words = tuple(t.group() for t in tokens[:-1]) + (bare,)
    if len(words) == 1 and (bare.lower() in STOPWORDS or bare.lower() in ADJECTIVES):
        return None
    return Name(new_start, new_end, text[new_start:new_end], words)


_RULE_ENTITIES: dict[tuple[str, str, str], Entity] = {}


def rule_entity(kind: str, name: str, entity_type: str) -> Entity:
    """The entity of a rule-found name; the id is stable across documents."""
    known = _RULE_ENTITIES.get((kind, name, entity_type))
    if known is not None:
        return known
    entity = _new_rule_entity(kind, name, entity_type)
    if len(_RULE_ENTITIES) < 100_000:
        _RULE_ENTITIES[(kind, name, entity_type)] = entity
    return entity


def _new_rule_entity(kind: str, name: str, entity_type: str) -> Entity:
    key = tokens_key([strip_possessive(w) for w in TOKEN_RE.findall(name)]) or name.lower()
    return Entity(
        id=f"rule:{kind}:{key.replace(' ', '-')}",
        name=name,
        kind="actor" if kind == "actor" else "place",
        type=entity_type,
        origin="rule",
    )


def _content_words(words: tuple[str, ...]) -> list[str]:
    return [w for w in words if w.lower() not in ARTICLES and w not in ("of", "de")]


def _person_inside(name: Name, text: str) -> Name | None:
    """The person after a capitalised title inside ``name`` ("Minister Yasar Guler")."""
    titled = [i for i, w in enumerate(name.words) if w.rstrip(".") in TITLES]
    if not titled:
        return None
    cut = titled[-1] + 1
    rest = name.words[cut:]
    if len(_content_words(rest)) < 2 or rest[0] == "of":
        # "Chief of Staff", "Minister of Defence": the title goes on.
        return None
    tokens = list(TOKEN_RE.finditer(text, name.start, name.end))
    start = tokens[cut].start()
    return Name(start, name.end, text[start:name.end], rest)


# What a name's own words say, remembered per name text: (number of content words, a lone
# people adjective, offset of the person after a title or 0, actor type from the words).
_Shape = tuple[int, bool, int, str | None]
_SHAPES: dict[str, _Shape] = {}


def _name_shape(name: Name) -> _Shape:
    """The context-free facts about ``name`` that ``rule_candidates`` uses."""
    words = name.words
    content = _content_words(words)
    # Only words of peoples and faiths: "Kurdish", "Pakistani Shia".
    single_adjective = bool(content) and all(word.lower() in ADJECTIVES for word in content)
    person = _person_inside(Name(0, len(name.text), name.text, words), name.text)
    actor_type: str | None = None
    if len(content) >= 2 and words[-1] in ACTOR_SUFFIXES:
        actor_type = ACTOR_SUFFIXES[words[-1]]
    elif len(content) >= 2 and (
        words[-2:] == ("Operations", "Room") or words[0] in ACTOR_PREFIXES
    ):
        actor_type = "armed-group"
    elif len(words) >= 3 and words[1] == "of" and words[0] in INSTITUTION_HEADS:
        actor_type = INSTITUTION_HEADS[words[0]]
    elif (
        len(content) >= 3
        and words[0] in _KUNYA_WORDS
        and words[-2].lower() in ARTICLES
    ):
        # A kunya, a given name and a family or place name: "Abu Omar al-Shami" (places
        # such as "Abu Kamal" and "Umm al-Jimal" have two content words).
        actor_type = "person"
    return (len(content), single_adjective, 0 if person is None else person.start, actor_type)


def _after_possessive_place(text: str, name: Name, gazetteer: Gazetteer) -> Name:
    """``name`` without a leading "<known place>'s" ("Iran's Revolutionary Guards")."""
    for index, word in enumerate(name.words[:-1]):
        bare = strip_possessive(word)
        if bare is word:
            continue
        ids = gazetteer.keys.get(tokens_key([bare]), [])
        if any(gazetteer.by_id[i].kind == "place" for i in ids if i in gazetteer.by_id):
            rest = name.words[index + 1:]
            start = name.end - len(" ".join(rest))
            if text[start:name.end].split() == list(rest):
                return Name(start, name.end, text[start:name.end], rest)
        return name
    return name


def _sentence_start(text: str, start: int) -> bool:
    """True when ``start`` opens a sentence, a line or a quotation."""
    before = text[max(0, start - 3):start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:;\n\r"


def _list_context(
    text: str,
    previous_place: Name | None,
    known_names: list[Name],
    known: Mapping[tuple[int, int], Entity | None],
) -> Name | None:
    """The place a list runs on from, after ``known_names`` (names matched elsewhere).

    Each known name continues a list after the place before it, or opens one when it is
    a known place or follows a place cue ("villages of", "near"); otherwise it ends the
    list. Worked out from the last name backwards, which usually stops at that name.
    """
    if not known_names:
        return previous_place
    for index in range(len(known_names) - 1, -1, -1):
        name = known_names[index]
        entity = known.get((name.start, name.end))
        if entity is not None and entity.kind == "place":
            # "The shelling hit Kansafra, Fleifel and Sfuhun": a known place opens it.
            return known_names[-1]
        cue = cue_before(text, name.start)
        if cue is not None and cue[0] in ("of-place", "preposition"):
            return known_names[-1]
        before = known_names[index - 1] if index else previous_place
        if before is None or not _LIST_GAP_RE.fullmatch(text[before.end:name.start]):
            return None
    return known_names[-1]


def rule_candidates(
    text: str,
    names: list[Name],
    gazetteer: Gazetteer,
    known: Mapping[tuple[int, int], Entity | None] | None = None,
) -> list[Candidate]:
    """Candidates from the name-finding rules (cue words around capitalised names).

    ``known`` maps the spans already matched to their entities (None for an operation's
    name): such names are only used as list context, since a rule could not give them a
    longer span.
    """
    if known is None:
        known = {}
    found: list[Candidate] = []
    previous_place: Name | None = None
    shapes = _SHAPES
    # Known names since the last unknown one: they only matter as list context, which is
    # worked out when an unknown name asks for it.
    known_run: list[Name] = []
    for name in names:
        span = (name.start, name.end)
        if span in known:
            known_run.append(name)
            if text[name.end + 1:name.end + 4] in _FACILITY_OPENINGS:
                facility = _facility_of_known_place(text, name, known[span])
                if facility is not None:
                    found.append(facility)
            continue
        known_before, known_run = known_run, []
        if "'s " in name.text or "’s " in name.text:
            # "Iraq's Ministry of Water Resources": the name after the known place.
            name = _after_possessive_place(text, name, gazetteer)
        words = name.words
        shape = shapes.get(name.text)
        if shape is None:
            shape = _name_shape(name)
            if len(shapes) < 100_000:
                shapes[name.text] = shape
        content_count, single_adjective, person_offset, actor_type = shape
        place_type: str | None = None
        # A lone capitalised word opening a sentence may be an ordinary word ("Aid groups").
        weak_ok = not single_adjective and (
            content_count > 1 or not _sentence_start(text, name.start)
        )

        if content_count <= 2 and _cited_author(text, name):
            # "(Lister 2015; Heydemann 2018)", "as Khaddour (2017) argues": an author.
            entity = rule_entity("actor", name.text, "person")
            found.append(Candidate(name.start, name.end, "rule", [], entity, 3))
            previous_place = None
            continue
        if person_offset:
            start = name.start + person_offset
            entity = rule_entity("actor", text[start:name.end], "person")
            found.append(Candidate(start, name.end, "rule", [], entity, 3))
            previous_place = None
            continue
        if actor_type is None and weak_ok and _AFTER_ACTOR_RE.match(text, name.end):
            actor_type = "armed-group"
        if actor_type is not None:
            if words[0].lower() in ADJECTIVES and len(words) > 2:
                # "Kurdish People's Protection Units": the known group after the adjective.
                second = TOKEN_RE.search(text, name.start + len(words[0]), name.end)
                if second is not None and (second.start(), name.end) in known:
                    previous_place = None
                    continue
            end = name.end
            if words[0] in INSTITUTION_HEADS and len(words) >= 3 and words[1] == "of":
                # "Ministry of Local Administration and Environment": one institution.
                joined = _INSTITUTION_AND_RE.match(text, end)
                if joined is not None and joined.group(1).lower() not in ADJECTIVES:
                    end = joined.end()
            entity = rule_entity("actor", text[name.start:end], actor_type)
            found.append(Candidate(name.start, end, "rule", [], entity, 2))
            previous_place = None
            continue

        priority = 2
        if single_adjective:
            previous_place = None
            continue
        cue = cue_before(text, name.start)
        after_place = _AFTER_PLACE_RE.match(text[name.end:name.end + 40]) if weak_ok else None
        facility_end: int | None = None
        if (
            2 <= content_count <= 3
            and words[-1] in PLACE_SUFFIXES
            and not _ends_with_known(name, known)
        ):
            place_type = PLACE_SUFFIXES[words[-1]]
            priority = 2
        elif after_place is not None:
            place_type = _PLACE_WORDS[after_place.group(1)]
            if after_place.group(1) in FACILITY_WORDS and content_count <= 3:
                # The guide keeps a facility's word: "Umm Jaloud crossing", "al-Hol camp".
                facility_end = name.end + after_place.end()
        elif weak_ok and (listed := _LIST_PLACE_AFTER_RE.match(text, name.end)) is not None:
            place_type = _PLACE_WORDS[listed.group(1)]
        elif cue is not None and cue[0] == "of-place":
            word = cue[1]
            place_type = _PLACE_WORDS.get(word.rstrip("s"), "town")
            if word in ("villages", "hamlet", "villagers"):
                place_type = "village"
        elif content_count >= 2 and (
            (cue is not None and cue[0] == "role")
            or (cue is None and _PERSON_AFTER_RE.match(text, name.end) is not None)
            or (
                content_count <= 4
                and (
                    words[0] in gazetteer.given_names
                    # A kunya: "Umm Ammar", "Abu Shadi".
                    or (words[0] in _KUNYA_WORDS and words[1] in gazetteer.given_names)
                )
                and words[-1] not in _NOT_PERSON_ENDINGS
                and not _opens_with_known_actor(name, known)
            )
        ):
            # A role word or apposition around the name, or a given name opening it:
            # "Khaled al-Jasem, the manager", "In Geneva, Jan Egeland pleaded".
            entity = rule_entity("actor", name.text, "person")
            found.append(Candidate(name.start, name.end, "rule", [], entity, 3))
            previous_place = None
            continue
        elif (
            text[name.end:name.end + 2] not in _POSSESSIVE_ENDINGS
            and (previous := _list_context(text, previous_place, known_before, known))
            is not None
            and _LIST_GAP_RE.fullmatch(text[previous.end:name.start])
        ):
            # An owner is not an item of a list: "retook Dhiban, Hifl's home town".
            place_type = "town"
            priority = 3
        elif cue is not None and cue[0] == "preposition":
            place_type = "town"
            priority = 4
        if place_type is None:
            previous_place = None
            continue
        if place_type == "governorate" and tokens_key(list(words)) in gazetteer.governorate_of:
            place_type = "governorate"
        end = name.end if facility_end is None else facility_end
        entity = rule_entity("place", text[name.start:end], place_type)
        found.append(Candidate(name.start, end, "rule", [], entity, priority))
        previous_place = name
    return found


# Place types that may lend their name to a facility ("Qara Qozak bridge").
_FACILITY_HOSTS = frozenset({"town", "city", "village", "neighbourhood", "district",
                             "sub-district"})
# The facility words that make one when written after such a place.
_HOSTED_FACILITIES = frozenset({
    "crossing", "border crossing", "airbase", "air base", "airport", "military airport",
    "dam", "prison", "bridge", "camp", "roundabout",
})
# Their first three letters, for a cheap first test.
_FACILITY_OPENINGS = frozenset(word[:3] for word in _HOSTED_FACILITIES)


# After an author's surname: more authors, "et al.", then a year in brackets, or a bare
# year (inside brackets, checked apart): "Baczko, Dorronsoro and Quesnay (2018)".
_CITATION_RE = re.compile(
    r"(?:(?:,[ \t]+|,?[ \t]+(?:and|&)[ \t]+)(?:(?:van|de|von|al|el)[ \t-])?[A-Z][\w'’-]+){0,3}"
    r"(?:[ \t]+et[ \t]+al\.?)?"
    r"(?:[ \t]+\((?P<bracketed>(?:19|20)\d\d[a-z]?)(?:[,:;][^)\n]{0,30})?\)"
    r"|,?[ \t]+(?:19|20)\d\d[a-z]?(?=[;,:)]))"
)


def _cited_author(text: str, name: Name) -> bool:
    """True when ``name`` is an author in a citation: "Khaddour (2017)", "(Lister 2015;"."""
    cited = _CITATION_RE.match(text, name.end)
    if cited is None:
        return False
    if cited.group("bracketed"):
        return True
    # A bare year: only inside brackets that open before the name on its line.
    before = text[max(0, name.start - 200):name.start]
    opened = before.rfind("(")
    return opened > before.rfind(")") and "\n" not in before[opened:]


def _spaces_in(name: Name) -> list[int]:
    """Text positions of the spaces between the words of ``name``."""
    return [name.start + index for index, character in enumerate(name.text) if character == " "]


def _ends_with_known(name: Name, known: Mapping[tuple[int, int], Entity | None]) -> bool:
    """True when a known name ends ``name``: "Outside Tabqa Dam" holds the known dam."""
    return any((space + 1, name.end) in known for space in _spaces_in(name))


def _opens_with_known_actor(name: Name, known: Mapping[tuple[int, int], Entity | None]) -> bool:
    """True when a known actor's name opens ``name``: "Ali Mamlouk Pushes North" (a
    headline) holds a known person, not a new one."""
    for space in _spaces_in(name):
        entity = known.get((name.start, space))
        if entity is not None and entity.kind == "actor":
            return True
    return False


def _facility_of_known_place(text: str, name: Name, entity: Entity | None) -> Candidate | None:
    """A facility named after a known town and not known itself: "Qara Qozak bridge"
    (the guide keeps the facility's word), or None."""
    if entity is None or entity.kind != "place" or entity.type not in _FACILITY_HOSTS:
        return None
    after = _AFTER_PLACE_RE.match(text, name.end)
    if after is None or after.group(1) not in _HOSTED_FACILITIES:
        return None
    end = after.end()
    facility = rule_entity("place", text[name.start:end], _PLACE_WORDS[after.group(1)])
    return Candidate(name.start, end, "rule", [], facility, 2)


def _words_before(head: str) -> tuple[str, str]:
    """The last ASCII word of ``head`` and the one before it ("" when missing).

    Only spaces and tabs may follow the last word, or one final line break.
    """
    if head[-1:] == "\n":
        head = head[:-1]
    found = _LAST_WORDS_REVERSED_RE.match(head[::-1])
    if found is None:
        return "", ""
    second = found.group(2)
    return found.group(1)[::-1], second[::-1] if second else ""


def _role_from_words_before(previous: str, before_previous: str) -> bool | None:
    """Whether a country after ``before_previous previous`` acts (lower-case words), or
    None when those words do not tell."""
    if previous in ("with", "between") and before_previous in _BORDER_WORDS:
        return False
    if previous == "on" and before_previous in _CALL_WORDS:
        # "calling on Ankara to fulfil its obligations"
        return True
    if previous == "from" and before_previous in _FROM_STATE_WORDS:
        return True
    if previous == "of" and before_previous in _STATE_NOUNS:
        return True
    if previous == "to" and before_previous in _ALLEGIANCE_WORDS:
        return True
    if previous in _PLACE_BEFORE or previous in _NOT_SUBJECT_BEFORE:
        return False
    if previous in _ACTOR_BEFORE or previous in ("with", "between"):
        return True
    return None


_DOTTED_ACRONYM_RE = re.compile(r"(?:[A-Z]\.)+")


def _ends_sentence(word: str) -> bool:
    """True for a word that closes a sentence ("Ghouta."), but not for "U.S."."""
    last = word[-1:]
    if last == ".":
        return _DOTTED_ACRONYM_RE.fullmatch(word) is None
    return last in ("!", "?", ":", ";")


def _before_first_conjunct(head: str, in_list: bool = False) -> tuple[str, str] | None:
    """The two lower-case words before the first name of a list that ``head`` ends in.

    ``head`` is the text before a later name of the list: "... talks with Israel and ",
    or, when ``in_list`` (the list goes on after this name), "... by Turkey, the ". None
    when no capitalised name stands before.
    """
    words = head.split()[-9:]
    if len(words) < 2:
        return None
    if words[-1].lower() in ("and", "or"):
        if words[-2][-1:] == ",":
            # After a comma the "and" joins clauses: "... in Tehran, and Israel struck".
            return None
        index = len(words) - 1
    elif in_list and words[-1][-1:] == "," and words[-1][:1].isupper():
        index = len(words)
    else:
        return None
    start = index
    while index > 0 and not _ends_sentence(words[index - 1]) and (
        words[index - 1][:1].isupper() or (index < start and words[index - 1] == "the")
    ):
        index -= 1
    if index == start or index == 0 or _ends_sentence(words[index - 1]):
        # No words before the list in its sentence.
        return None
    if words[index - 1].lower() == "the" and index > 1:
        index -= 1
    previous = words[index - 1].lower()
    before_previous = words[index - 2].lower() if index > 1 else ""
    return previous, before_previous


def acts_as_state(text: str, start: int, end: int) -> bool:
    """True when the country or capital at ``text[start:end]`` acts or is acted upon."""
    follow = text[end:end + 200]
    if follow[:2] in ("'s", "’s"):
        # "Turkey's foreign minister", "Israel's position": what a state has; "Syria's
        # Hama", "Syria's army": a place, as the guide has it.
        owned = _NEXT_WORD_RE.match(follow, 2)
        if owned is not None and owned.group(1) in _STATE_MODIFIERS:
            # "Lebanon's caretaker prime minister", "Syria's interim president".
            owned = _NEXT_WORD_RE.match(follow, owned.end())
        return owned is not None and owned.group(1) in _OWNED_BY_STATE
    head = text[max(0, start - 60):start]
    if head.rstrip().endswith("the"):
        head = head.rstrip()[:-3]
    previous, before_previous = _words_before(head)
    previous = previous.lower()
    if not previous and head.rstrip().endswith(",") and _LIST_GOES_ON_RE.match(follow):
        # A later item of a list: "listed by Turkey, the US and the EU".
        first = _before_first_conjunct(head, in_list=True)
        if first is not None and first[0] != "between":
            decided = _role_from_words_before(*first)
            if decided is not None:
                return decided
    if previous in DIRECTIONS:
        # "northern Syria": a direction before a country names a territory, which does
        # not act ("Fighting in northern Syria has killed ...").
        return False
    if previous in ("and", "or"):
        # The second of two names takes the role the words before the first give it:
        # "a deal with Israel and Damascus", "in Iraq and Syria".
        # Not "between": "between Sweida and Amman" joins two places as often as two
        # states, and the first name may not be a state at all.
        first = _before_first_conjunct(head)
        if first is not None and first[0] == "between" and first[1] in _RELATION_WORDS:
            # "a 1987 protocol between Turkey and Syria": both are parties.
            return True
        if first is not None and not (first[0] == "between" and first[1] not in _BORDER_WORDS):
            decided = _role_from_words_before(*first)
            if decided is not None:
                return decided
    if previous == "on" and any(
        word in _BLAME_WORDS for word in head.lower().split()[-6:-1]
    ):
        return True
    if previous == "for" and "speaking" in head.lower().split()[-4:-1]:
        # "Speaking also for Brazil, its fellow penholder": the state a speaker stands for.
        return True
    if previous in _GERUND_OWNER_BEFORE:
        # "talk of Turkey putting air defences there": the state does the verb.
        gerund = _NEXT_WORD_RE.match(follow)
        if gerund is not None and _is_gerund(gerund.group(1)):
            return True
    decided = _role_from_words_before(previous, before_previous.lower())
    if decided is not None:
        return decided
    if previous == "nor" or previous == "neither":
        return True
    position = 0
    coordinated = _COORDINATED_RE.match(follow)
    if coordinated is not None:
        position = coordinated.end()
    aside = _PARENTHETICAL_RE.match(follow, position)
    if aside is not None:
        position = aside.end()
    when = _TIME_PHRASE_RE.match(follow, position)
    if when is not None:
        position = when.end()
    for _ in range(3):
        word_match = _NEXT_WORD_RE.match(follow, position)
        if word_match is None:
            return False
        word = word_match.group(1)
        if word in _ADVERBS:
            position = word_match.end()
            continue
        if word in _STATE_VERBS:
            return True
        if word in _AUXILIARIES:
            following = _NEXT_WORD_RE.match(follow, word_match.end())
            return following is not None and (
                following.group(1) in _AGENT_ING
                or following.group(1) in _AGENT_PARTICIPLES
                or following.group(1) in _STATE_ADJECTIVES
            )
        if not word.islower() or word in _NOT_VERBS or len(word) < 4:
            return False
        return word.endswith("ed") or (word.endswith("s") and not word.endswith("ss"))
    return False


def attributive_acronym(text: str, start: int, end: int) -> bool:
    """True for "US"/"U.S." used as an adjective before a common noun ("U.S. envoy")."""
    if text[start:end] not in ATTRIBUTIVE_ACRONYMS:
        return False
    if text[end:end + 1] in ("-", "‑"):
        # "a US-Russian truce": one of two nationalities of a compound adjective.
        joined = _GLUED_WORD_RE.match(text, end + 1)
        return joined is not None and joined.group().lower() in ADJECTIVES
    word = _NEXT_WORD_RE.match(text, end)
    if word is None:
        return False
    following = word.group(1)
    if following in TITLES:
        # "U.S. Ambassador Linda Thomas-Greenfield": a title, written with a capital.
        return True
    if not following.islower() or following in _FUNCTION_WORDS or following in _STATE_VERBS:
        return False
    return not following.endswith("ed")


def governorate_context(text: str, start: int, end: int) -> bool:
    """True when the place is followed by "province" or "countryside", or after "province of"."""
    tail = text[end:end + 120]
    if ("provinc" in tail or "governorat" in tail or "countryside" in tail) and (
        _GOVERNORATE_AFTER_RE.match(text, end)
    ):
        return True
    head = text[max(0, start - 30):start]
    if " of" not in head:
        return False
    return bool(_GOVERNORATE_BEFORE_RE.search(head))


def initials_match(acronym: str, words: tuple[str, ...]) -> bool:
    """True when ``acronym``'s letters are the initials of ``words`` in order."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    initials = [w[0].upper() for w in words if w[:1].isupper() and w.lower() not in ARTICLES]
    if len(letters) < 2 or not initials or letters[0] != initials[0]:
        return False
    pos = 0
    for letter in letters:
        while pos < len(initials) and initials[pos] != letter:
            pos += 1
        if pos == len(initials):
            return False
        pos += 1
    return True


_ACRONYM_DEF_RE = re.compile(r"\([ \t]{0,3}([A-Z][A-Za-z0-9.\-]{1,11})[ \t]{0,3}\)")


def acronym_definitions(text: str) -> list[tuple[int, int, str]]:
    """(start, acronym_start, acronym) for every "(ACRONYM)"; start includes the spaces before."""
    found = []
    for match in _ACRONYM_DEF_RE.finditer(text):
        acronym = match.group(1)
        if is_acronym(acronym):
            before = text[max(0, match.start() - 3):match.start()]
            start = match.start() - (len(before) - len(before.rstrip(" \t")))
            found.append((start, match.start(1), acronym))
    return found
