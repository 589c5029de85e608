"""Checks on the gazetteer data files, as the entity engine and a reader rely on them."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
import unicodedata
from functools import cache
from pathlib import Path

from syrtui.entities.model import ACTOR_TYPES, FACTIONS, PLACE_TYPES

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "syrtui" / "entities" / "data"
ACTORS = DATA / "actors.jsonl"
CURATED = DATA / "places_curated.tsv"
GEONAMES = DATA / "places_geonames.tsv"
BUILD_SCRIPT = ROOT / "tools" / "build_gazetteer.py"

PLACE_COLUMNS = ["id", "name", "aliases", "type", "parent", "lat", "lon"]
SYRIA_BOX = (32.3, 37.4, 35.6, 42.4)
GOVERNORATE_IDS = {
    "gov-aleppo", "gov-damascus", "gov-rif-dimashq", "gov-hasakah", "gov-raqqa",
    "gov-deir-ezzor", "gov-idlib", "gov-hama", "gov-homs", "gov-latakia", "gov-tartus",
    "gov-daraa", "gov-suwayda", "gov-quneitra",
}  # fmt: skip
CITIES_NAMED_LIKE_GOVERNORATES = {
    "idlib", "aleppo", "hama", "homs", "raqqa", "deir-ezzor", "hasakah", "daraa",
    "quneitra", "latakia", "tartus", "damascus", "suwayda",
}  # fmt: skip
FORCE_PHRASE_TARGETS = {
    "syrian-army", "russian-forces", "russian-military-police", "turkish-forces",
    "turkish-backed-forces", "us-forces", "us-coalition", "iranian-forces",
    "iran-backed-militias", "israeli-forces", "iraqi-forces", "lebanese-army",
    "jordanian-forces", "british-forces", "french-forces", "kurdish-forces", "hezbollah",
}  # fmt: skip
STATES_ACTING = {
    "syria", "turkey", "russia", "united-states", "iran", "israel", "iraq", "lebanon",
    "jordan", "saudi-arabia", "qatar", "united-arab-emirates", "france", "united-kingdom",
    "germany", "china", "egypt",
}  # fmt: skip
SEED_PLACE_SPELLINGS = [
    "Deir Ezzor", "al-Qamishly", "Jisr al-Shughur", "Mayadin", "Afrin", "Sarmin",
    "Euphrates", "Omar oil fields", "Raqqah", "al-Barah", "Idlib", "Kafr Hashir", "Chima",
    "Deir Survan", "Greater Idlib", "Middle East", "Syria",
]  # fmt: skip
# Spellings deliberately shared by two entities of the same kind. Keep this short: every
# entry is a name the reader cannot resolve without context.
ALLOWED_SHARED_SPELLINGS: set[str] = set()
# Words that must never be an alias: they are ordinary prose in almost every article.
NEVER_ALIASES = {"army", "is", "us", "the", "forces", "government", "regime", "state", "city"}


def spelling_key(text: str) -> str:
    """Comparison key: no accents or apostrophes, hyphens as spaces, casefolded."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    text = "".join(char for char in decomposed if not unicodedata.combining(char))
    text = re.sub(r"[ʿʾ‘’'`´ʼ]", "", text)
    text = re.sub(r"[-–—_.,()/]", " ", text)
    return " ".join(text.casefold().split())


@cache
def actors() -> tuple[dict, ...]:
    """Every actor record, in file order."""
    lines = ACTORS.read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line) for line in lines if line.strip())


def read_places(path: Path) -> list[dict[str, str]]:
    """Rows of one places TSV file."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        assert reader.fieldnames == PLACE_COLUMNS, f"{path.name}: header {reader.fieldnames}"
        rows = list(reader)
    for row in rows:
        assert None not in row and None not in row.values(), f"{path.name}: bad row {row}"
    return rows


@cache
def curated() -> tuple[dict[str, str], ...]:
    """Rows of the curated places file."""
    return tuple(read_places(CURATED))


@cache
def generated() -> tuple[dict[str, str], ...]:
    """Rows of the GeoNames places file."""
    return tuple(read_places(GEONAMES))


def places() -> list[dict[str, str]]:
    """Rows of both places files."""
    return [*curated(), *generated()]


def place_spellings(row: dict[str, str]) -> list[str]:
    """Name and aliases of a place row."""
    return [row["name"], *(alias for alias in row["aliases"].split("|") if alias)]


def actor_spellings(actor: dict) -> list[str]:
    """Name and aliases of an actor."""
    return [actor["name"], *actor["aliases"]]


def test_there_are_enough_actors_and_places() -> None:
    assert len(actors()) >= 300
    assert len(places()) >= 1500
    assert len(curated()) >= 300


def test_actor_records_have_exactly_the_agreed_fields() -> None:
    required = {"id", "name", "aliases", "type", "faction", "description"}
    for actor in actors():
        keys = set(actor)
        expected = required | {"place"} if actor["type"] == "state" else required
        assert keys == expected, actor["id"]
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", actor["id"]), actor["id"]
        assert isinstance(actor["aliases"], list)
        assert all(isinstance(alias, str) and alias.strip() == alias for alias in actor["aliases"])
        assert actor["name"].strip() == actor["name"] != ""


def test_names_carry_no_backer_or_location_modifiers() -> None:
    # The guide marks "Iran-backed Fatemiyoun Brigade" as "Fatemiyoun Brigade": a spelling
    # holding the modifier would make the mention too long. Generic phrases such as
    # "Iran-backed militias" are names of their own and may stay, and so do official names
    # with a place ("Islamic Resistance in Iraq"); "forces in Syria" is a description.
    modifier = re.compile(r"\w-(?:backed|based|led|run|affiliated) [A-Z]|\b[a-z]+ in [A-Z]")
    spellings = [s for a in actors() for s in actor_spellings(a)]
    spellings += [s for row in places() for s in place_spellings(row)]
    assert [s for s in spellings if modifier.search(s)] == []


def test_actor_ids_are_unique() -> None:
    ids = [actor["id"] for actor in actors()]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_actor_types_and_factions_come_from_the_model() -> None:
    for actor in actors():
        assert actor["type"] in ACTOR_TYPES, actor["id"]
        assert actor["faction"] is None or actor["faction"] in FACTIONS, actor["id"]


def test_descriptions_are_single_short_lines() -> None:
    for actor in actors():
        description = actor["description"]
        assert 0 < len(description) <= 140, actor["id"]
        assert "\n" not in description


def test_place_ids_are_unique_across_both_files() -> None:
    ids = [row["id"] for row in places()]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicates == []
    for row in places():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", row["id"]), row["id"]


def test_place_types_come_from_the_model() -> None:
    for row in places():
        assert row["type"] in PLACE_TYPES, row["id"]


def test_every_located_place_has_valid_coordinates() -> None:
    for row in places():
        if row["type"] in {"highway", "region"} and not row["lat"]:
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        assert -90 <= lat <= 90 and -180 <= lon <= 180, row["id"]


def test_places_in_syrian_governorates_lie_inside_syria() -> None:
    south, north, west, east = SYRIA_BOX
    governorate_names = {row["name"] for row in curated() if row["type"] == "governorate"}
    checked = 0
    for row in places():
        if row["parent"] in governorate_names:
            lat, lon = float(row["lat"]), float(row["lon"])
            assert south <= lat <= north and west <= lon <= east, row
            checked += 1
    assert checked >= 400


def test_the_fourteen_governorates_exist_with_coordinates() -> None:
    by_id = {row["id"]: row for row in curated()}
    for governorate_id in GOVERNORATE_IDS:
        row = by_id[governorate_id]
        assert row["type"] == "governorate"
        assert row["name"].endswith(" Governorate")
        assert row["lat"] and row["lon"]
    assert sum(row["type"] == "governorate" for row in places()) == 14


def test_cities_sharing_a_governorate_name_have_plain_ids() -> None:
    by_id = {row["id"]: row for row in places()}
    for city_id in CITIES_NAMED_LIKE_GOVERNORATES:
        assert by_id[city_id]["type"] == "city" or by_id[city_id]["type"] == "town", city_id
        assert by_id[city_id]["parent"].endswith("Governorate")


def test_force_phrase_targets_and_key_actors_exist() -> None:
    by_id = {actor["id"]: actor for actor in actors()}
    for actor_id in FORCE_PHRASE_TARGETS | {"syrian-government", "sdf", "hts", "isis"}:
        assert actor_id in by_id, actor_id
    assert by_id["turkish-backed-forces"]["name"] == "Turkish-backed forces"
    assert (by_id["turkish-backed-forces"]["type"], by_id["turkish-backed-forces"]["faction"]) == (
        "force",
        "sna",
    )
    assert (by_id["iran-backed-militias"]["type"], by_id["iran-backed-militias"]["faction"]) == (
        "militia",
        "iran",
    )
    assert by_id["kurdish-forces"]["faction"] == "sdf"
    assert by_id["us-coalition"]["name"] == "US-led coalition"


def test_newsroom_spellings_resolve_to_one_actor() -> None:
    by_id = {actor["id"]: set(actor_spellings(actor)) for actor in actors()}
    assert {"Syrian Army", "SAA", "Syrian Arab Army"} <= by_id["syrian-army"]
    assert {"ISIS", "ISIL", "IS", "Daesh", "Islamic State"} <= by_id["isis"]
    assert {"Global Coalition", "Operation Inherent Resolve", "CJTF-OIR"} <= by_id["us-coalition"]
    assert {"Hayat Tahrir al-Sham", "HTS", "Hay'at Tahrir al-Sham"} <= by_id["hts"]
    assert {"Jabhat al-Nusra", "Jabhat Fateh al-Sham", "JFS"} <= by_id["jabhat-al-nusra"]
    assert {"YPG", "People's Protection Units"} <= by_id["ypg"]
    assert {"IRGC", "SOHR"} <= by_id["irgc"] | by_id["sohr"]
    assert {"Ahmed al-Sharaa", "Abu Mohammad al-Jolani"} <= by_id["ahmed-al-sharaa"]


def test_enough_persons_are_named() -> None:
    assert sum(actor["type"] == "person" for actor in actors()) >= 60


def test_state_actors_point_at_existing_countries() -> None:
    place_ids = {row["id"]: row for row in places()}
    states = {actor["place"]: actor for actor in actors() if actor["type"] == "state"}
    assert set(states) >= STATES_ACTING
    for place_id, actor in states.items():
        assert place_id in place_ids, actor["id"]
        assert place_ids[place_id]["type"] == "country"
        assert actor["name"] == place_ids[place_id]["name"]


def test_seed_article_places_are_known_under_their_written_spelling() -> None:
    known = {spelling for row in places() for spelling in place_spellings(row)}
    missing = [spelling for spelling in SEED_PLACE_SPELLINGS if spelling not in known]
    assert missing == []


def test_countries_cover_the_world() -> None:
    countries = [row for row in places() if row["type"] == "country"]
    assert len(countries) >= 240
    united_states = next(row for row in countries if row["id"] == "united-states")
    assert {"US", "U.S.", "USA", "United States of America", "America"} <= set(
        place_spellings(united_states)
    )


def shared_spellings(entities: list[tuple[str, list[str]]]) -> dict[str, set[str]]:
    """Spelling key -> ids, for keys used by more than one entity."""
    owners: dict[str, set[str]] = {}
    for entity_id, spellings in entities:
        for spelling in spellings:
            owners.setdefault(spelling_key(spelling), set()).add(entity_id)
    return {
        key: ids
        for key, ids in owners.items()
        if len(ids) > 1 and key not in ALLOWED_SHARED_SPELLINGS
    }


def test_no_spelling_names_two_actors() -> None:
    shared = shared_spellings([(actor["id"], actor_spellings(actor)) for actor in actors()])
    assert shared == {}


def test_no_spelling_names_two_places() -> None:
    shared = shared_spellings([(row["id"], place_spellings(row)) for row in places()])
    assert shared == {}


def is_ordinary_word(alias: str) -> bool:
    """True for a common word written as prose ("Army", "is"); capitals ("IS", "US") pass."""
    return alias.casefold() in NEVER_ALIASES and alias != alias.upper()


def test_aliases_are_not_ordinary_words_or_blank() -> None:
    for actor in actors():
        for alias in actor["aliases"]:
            assert alias and not is_ordinary_word(alias), (actor["id"], alias)
    for row in places():
        for alias in row["aliases"].split("|") if row["aliases"] else []:
            assert alias and not is_ordinary_word(alias), (row["id"], alias)


def test_acronyms_are_written_in_capitals() -> None:
    spellings = {spelling for actor in actors() for spelling in actor_spellings(actor)}
    for acronym in ["HTS", "YPG", "SAA", "IRGC", "SOHR", "SDF", "IS", "SNA", "PKK"]:
        assert acronym in spellings
    assert "Is" not in spellings and "is" not in spellings


def test_geonames_rows_never_shadow_curated_places() -> None:
    curated_ids = {row["id"] for row in curated()}
    curated_keys = {spelling_key(s) for row in curated() for s in place_spellings(row)}
    for row in generated():
        assert row["id"] not in curated_ids
        assert not {spelling_key(s) for s in place_spellings(row)} & curated_keys, row["id"]


def test_geonames_rows_carry_no_actor_names() -> None:
    actor_keys = {spelling_key(s) for actor in actors() for s in actor_spellings(actor)}
    for row in generated():
        if row["type"] == "country":
            continue
        assert not {spelling_key(s) for s in place_spellings(row)} & actor_keys, row["id"]


def test_geonames_aliases_are_latin_and_capped() -> None:
    for row in generated():
        aliases = [alias for alias in row["aliases"].split("|") if alias]
        assert len(aliases) <= 8, row["id"]
        for spelling in place_spellings(row):
            assert sum(char.isalpha() for char in spelling) >= 4, (row["id"], spelling)
            assert spelling.isascii(), (row["id"], spelling)


def test_build_script_reproduces_the_geonames_file(tmp_path: Path) -> None:
    output = tmp_path / "places_geonames.tsv"
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--output", str(output)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stdout
    assert output.read_bytes() == GEONAMES.read_bytes()


def test_a_name_opening_with_the_never_hides_a_longer_name() -> None:
    # "The National" would match in "The National Defence Forces" and hide that name: a
    # name written with "The" must not end where another entity's name goes on.
    owner: dict[str, str] = {}
    for actor in actors():
        owner.update({s.casefold(): actor["id"] for s in actor_spellings(actor)})
    for row in places():
        owner.update({s.casefold(): row["id"] for s in place_spellings(row)})
    for spelling, entity_id in owner.items():
        if spelling.startswith("the "):
            rest = spelling[len("the "):]
            hidden = [
                o for o, i in owner.items()
                if o.startswith(rest + " ") and i != entity_id and "the " + o not in owner
            ]
            assert not hidden, (spelling, hidden[:3])
