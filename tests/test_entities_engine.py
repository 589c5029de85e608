"""The entity engine on a small fixed gazetteer: spelling folding, matching and rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from syrtui.entities import Gazetteer, default_gazetteer, extract, load_gazetteer, name_key

ACTORS = [
    {"id": "syrian-army", "name": "Syrian Arab Army", "aliases": ["Syrian Army", "SAA"],
     "type": "army", "faction": "syrian-government"},
    {"id": "isis", "name": "Islamic State",
     "aliases": ["ISIS", "ISIL", "IS", "Daesh", "Islamic State of Iraq and the Levant"],
     "type": "jihadist-group", "faction": "isis"},
    {"id": "sdf", "name": "Syrian Democratic Forces", "aliases": ["SDF"],
     "type": "armed-group", "faction": "sdf"},
    {"id": "hts", "name": "Hayat Tahrir al-Sham", "aliases": ["HTS", "Hay'at Tahrir al-Sham"],
     "type": "jihadist-group", "faction": "idlib-opposition"},
    {"id": "al-qaeda", "name": "Al-Qaeda", "aliases": ["al-Qaida"], "type": "jihadist-group",
     "faction": None},
    {"id": "fatemiyoun", "name": "Fatemiyoun Brigade", "aliases": ["Fatemiyoun"],
     "type": "militia", "faction": "iran"},
    {"id": "hezbollah", "name": "Hezbollah", "aliases": [], "type": "militia", "faction": "iran"},
    {"id": "ypg", "name": "People's Protection Units", "aliases": ["YPG"], "type": "armed-group",
     "faction": "sdf"},
    {"id": "russian-military-police", "name": "Russian Military Police", "aliases": [],
     "type": "police-security", "faction": "russia"},
    {"id": "kremlin", "name": "Kremlin", "aliases": [], "type": "government",
     "faction": "russia"},
    {"id": "state-turkey", "name": "Turkey", "aliases": ["Ankara"], "type": "state",
     "faction": "turkey", "place": "turkey"},
    {"id": "state-syria", "name": "Syria", "aliases": ["Damascus"], "type": "state",
     "faction": "syrian-government", "place": "syria"},
    {"id": "state-russia", "name": "Russia", "aliases": ["Moscow"], "type": "state",
     "faction": "russia", "place": "russia"},
    {"id": "state-iran", "name": "Iran", "aliases": ["Tehran"], "type": "state",
     "faction": "iran", "place": "iran"},
    {"id": "state-united-states", "name": "United States", "aliases": ["US", "U.S."],
     "type": "state", "faction": "us-coalition", "place": "united-states"},
]
PLACES = [
    ("syria", "Syria", "", "country", ""),
    ("turkey", "Turkey", "Türkiye", "country", ""),
    ("russia", "Russia", "", "country", ""),
    ("iran", "Iran", "", "country", ""),
    ("united-states", "United States", "US|U.S.|USA", "country", ""),
    ("gov-raqqa", "Raqqa Governorate", "", "governorate", "Syria"),
    ("gov-deir-ezzor", "Deir Ezzor Governorate", "", "governorate", "Syria"),
    ("raqqa", "Raqqa", "Raqqah", "city", "Raqqa Governorate"),
    ("deir-ezzor", "Deir Ezzor", "Deir ez-Zor", "city", "Deir Ezzor Governorate"),
    ("idlib", "Idlib", "Idleb", "city", "Idlib Governorate"),
    ("qamishli", "Qamishli", "al-Qamishly|Qamishlo", "city", "Hasakah Governorate"),
    ("jisr-al-shughur", "Jisr al-Shughur", "", "town", "Idlib Governorate"),
    ("damascus", "Damascus", "", "city", "Damascus Governorate"),
    ("ankara", "Ankara", "", "city", "Turkey"),
    ("euphrates", "Euphrates", "Euphrates River", "river", ""),
    ("ain-raqqa", "Ain Raqqa", "", "village", "Raqqa Governorate"),
]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    folder: Path = tmp_path_factory.mktemp("gazetteer")
    with (folder / "actors.jsonl").open("w", encoding="utf-8") as handle:
        for row in ACTORS:
            handle.write(json.dumps({"description": "", **row}) + "\n")
    lines = ["id\tname\taliases\ttype\tparent\tlat\tlon"]
    lines += [f"{i}\t{n}\t{a}\t{t}\t{p}\t35.0\t38.0" for i, n, a, t, p in PLACES]
    (folder / "places_curated.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "places_geonames.tsv").write_text(lines[0] + "\n", encoding="utf-8")
    return load_gazetteer(folder, use_cache=False)


def found(text: str, gaz: Gazetteer) -> list[tuple[str, str, str]]:
    return [(m.text, m.entity.kind, m.entity.id) for m in extract(text, gaz)]


# --- normalisation -----------------------------------------------------------------

@pytest.mark.parametrize(
    "spellings",
    [
        ["Deir Ezzor", "Deir ez-Zor", "Dayr az-Zawr", "Deir al-Zour", "Deir el-Zor"],
        ["al-Qamishly", "Qamishli", "Kamishli", "al-Qamishli"],
        ["Jisr al-Shughur", "Jisr ash-Shughur", "Jisr al-Shughour", "Jisr ash Shughur"],
        ["Ma'arrat al-Nu'man", "Maarat al-Numan", "Ma‘arat an-Nuʿman", "Maarat an-Numan"],
        ["Raqqa", "Raqqah", "al-Raqqa", "Ar-Raqqah"],
        ["Hasakah", "al-Hasakah", "Hassakeh", "Al-Hasaka"],
        ["Mayadin", "al-Mayadeen", "Al Mayadin"],
        ["Şanlıurfa", "Sanliurfa"],
        ["Hayat Tahrir al-Sham", "Hay'at Tahrir al-Sham", "Hay’at Tahrir ash-Sham"],
        ["Idlib", "Idleb"],
        ["Kobani", "Kobane"],
    ],
)
def test_spelling_variants_share_one_key(spellings: list[str]) -> None:
    keys = {name_key(s) for s in spellings}
    assert len(keys) == 1, dict(zip(spellings, map(name_key, spellings), strict=True))


@pytest.mark.parametrize(
    "first, second",
    [("Raqqa", "Daraa"), ("Idlib", "Afrin"), ("Ariha", "Afrin"), ("Homs", "Hama"),
     ("Tabqa", "Tafas"), ("Saraqib", "Sarmin"), ("Deir Ezzor", "Deir Hafer")],
)
def test_different_names_keep_different_keys(first: str, second: str) -> None:
    assert name_key(first) != name_key(second)


def test_text_spelling_variants_find_the_gazetteer_entity(gaz: Gazetteer) -> None:
    text = "Clashes in Dayr az-Zawr, Deir al-Zour and Deir el-Zor; then Jisr ash-Shughur."
    ids = [i for _, _, i in found(text, gaz)]
    assert ids == ["deir-ezzor", "deir-ezzor", "deir-ezzor", "jisr-al-shughur"]


# --- matching ------------------------------------------------------------------------

def test_possessives_are_not_part_of_the_span(gaz: Gazetteer) -> None:
    assert found("in Turkey's south and Russia’s bases", gaz) == [
        ("Turkey", "place", "turkey"),
        ("Russia", "place", "russia"),
    ]


def test_names_inside_hyphenated_modifiers(gaz: Gazetteer) -> None:
    assert found("Al-Qaeda-linked militants attacked", gaz) == [("Al-Qaeda", "actor", "al-qaeda")]
    assert found("an HTS-run checkpoint", gaz) == [("HTS", "actor", "hts")]
    assert found("the Hezbollah-linked unit", gaz) == [("Hezbollah", "actor", "hezbollah")]


def test_backed_modifier_before_a_named_group_marks_only_the_group(gaz: Gazetteer) -> None:
    assert found("the Iran-backed Fatemiyoun Brigade", gaz) == [
        ("Fatemiyoun Brigade", "actor", "fatemiyoun")
    ]


def test_backed_modifier_before_a_force_noun_is_one_actor(gaz: Gazetteer) -> None:
    result = found("Iran-backed militias and Turkish-backed militant groups clashed", gaz)
    assert [(t, k) for t, k, _ in result] == [
        ("Iran-backed militias", "actor"),
        ("Turkish-backed militant groups", "actor"),
    ]


def test_acronyms_match_only_in_capitals(gaz: Gazetteer) -> None:
    assert found("IS fighters and SDF units", gaz) == [
        ("IS", "actor", "isis"),
        ("SDF", "actor", "sdf"),
    ]
    assert found("Is this for us? Sdf.", gaz) == []


def test_every_name_of_islamic_state_is_one_entity(gaz: Gazetteer) -> None:
    text = "ISIS, ISIL, IS, Daesh and the Islamic State of Iraq and the Levant. Islamic State"
    ids = {i for _, _, i in found(text, gaz)}
    assert ids == {"isis"}
    assert len(found(text, gaz)) == 6


def test_longest_match_wins(gaz: Gazetteer) -> None:
    assert found("the Russian Military Police patrolled", gaz) == [
        ("Russian Military Police", "actor", "russian-military-police")
    ]


@pytest.mark.parametrize(
    "phrase",
    ["US forces", "U.S. troops", "Syrian troops", "Syrian service members", "Turkish proxies",
     "Russian aircraft", "US-led coalition", "Israeli jets", "Syrian government forces"],
)
def test_nationality_and_force_noun_is_an_actor_phrase(gaz: Gazetteer, phrase: str) -> None:
    result = found(f"On Monday {phrase} moved north.", gaz)
    assert [(t, k) for t, k, _ in result] == [(phrase, "actor")]


def test_coordinated_nationalities_share_one_span(gaz: Gazetteer) -> None:
    result = found("blocking Russian and Syrian convoys", gaz)
    assert [(t, k) for t, k, _ in result] == [("Russian and Syrian convoys", "actor")]


def test_weapons_and_attributes_are_not_actors(gaz: Gazetteer) -> None:
    assert found("they blocked a US military convoy near the road", gaz) == []
    assert found("a Turkish drone strike hit the car", gaz) == []
    assert found("the U.S. envoy arrived", gaz) == []
    assert [k for _, k, _ in found("Turkish drones struck the car", gaz)] == ["actor"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Turkey launched an offensive.", ("Turkey", "actor", "state-turkey")),
        ("Russia vetoed the resolution.", ("Russia", "actor", "state-russia")),
        ("Damascus rejected the offer.", ("Damascus", "actor", "state-syria")),
        ("Ankara warned the militias.", ("Ankara", "actor", "state-turkey")),
        ("new strikes against Iran", ("Iran", "actor", "state-iran")),
        ("Fighting goes on in Syria.", ("Syria", "place", "syria")),
        ("They crossed into Turkey at night.", ("Turkey", "place", "turkey")),
        ("Analysts in Damascus disagree.", ("Damascus", "place", "damascus")),
        ("the U.S. announced a withdrawal", ("U.S.", "actor", "state-united-states")),
        ("a meeting on Syria ended early", ("Syria", "place", "syria")),
        ("Aid arrived as Iran warned of war.", ("Iran", "actor", "state-iran")),
        ("Fighting in northern Syria has killed 20.", ("Syria", "place", "syria")),
        ("Southern Turkey has seen new attacks.", ("Turkey", "place", "turkey")),
        ("A spokesman said Iran was arming them.", ("Iran", "actor", "state-iran")),
        ("Syria is heading towards escalation.", ("Syria", "place", "syria")),
        ("He met the ambassador of Iran.", ("Iran", "actor", "state-iran")),
        ("the north of Iran", ("Iran", "place", "iran")),
        ("a militia loyal to Tehran set up checkpoints", ("Tehran", "actor", "state-iran")),
        ("Turkey's foreign minister arrived.", ("Turkey", "actor", "state-turkey")),
        ("Russia is represented by its envoy.", ("Russia", "actor", "state-russia")),
        ("He is the ambassador to Turkey.", ("Turkey", "actor", "state-turkey")),
        ("The sheikhs have long ties to Damascus.", ("Damascus", "actor", "state-syria")),
        ("He blamed the unrest on Damascus.", ("Damascus", "actor", "state-syria")),
        ("He noted, calling on Ankara to act.", ("Ankara", "actor", "state-turkey")),
        ("They accused official Damascus of lying.", ("Damascus", "actor", "state-syria")),
        ("Russia on Tuesday vetoed the text.", ("Russia", "actor", "state-russia")),
        ("the legitimate authorities of Syria", ("Syria", "actor", "state-syria")),
        ("under the effective control of Turkey", ("Turkey", "actor", "state-turkey")),
        ("The attack on Damascus killed two.", ("Damascus", "place", "damascus")),
    ],
)
def test_a_country_acts_or_is_a_place(
    gaz: Gazetteer, text: str, expected: tuple[str, str, str]
) -> None:
    assert found(text, gaz) == [expected]


def test_the_second_of_two_countries_takes_the_role_of_the_first(gaz: Gazetteer) -> None:
    kinds = [k for _, k, _ in found("A deal was reached with Russia and Damascus.", gaz)]
    assert kinds == ["actor", "actor"]
    kinds = [k for _, k, _ in found("Fighting in Syria and Turkey has killed 20.", gaz)]
    assert kinds == ["place", "place"]
    kinds = [k for _, k, _ in found("the road between Damascus and Ankara was cut", gaz)]
    assert kinds == ["place", "place"]
    kinds = [k for _, k, _ in found("Russia and Turkey agree a truce.", gaz)]
    assert kinds == ["actor", "actor"]


def test_envoys_from_a_capital_speak_for_its_state(gaz: Gazetteer) -> None:
    assert found("He met envoys from Ankara on Monday.", gaz) == [
        ("Ankara", "actor", "state-turkey")
    ]
    assert found("They fled from Ankara on Monday.", gaz) == [("Ankara", "place", "ankara")]


def test_every_country_can_act(gaz: Gazetteer) -> None:
    # The test gazetteer has a place "Raqqa Governorate" but no state for "Iraq"; the real
    # one knows no state for most countries: each gets one, reached by its name.
    [mention] = extract("Belarus said it would send aid.", default_gazetteer())
    assert (mention.entity.kind, mention.entity.type, mention.entity.id) == (
        "actor", "state", "state-belarus"
    )
    [mention] = extract("Aid was flown to Belarus.", default_gazetteer())
    assert (mention.entity.kind, mention.entity.id) == ("place", "belarus")


def test_a_qualifier_may_stand_inside_a_force_phrase() -> None:
    [mention] = extract("US occupation forces brought a convoy.", default_gazetteer())
    assert (mention.text, mention.entity.kind) == ("US occupation forces", "actor")


def test_a_name_before_a_role_apposition_is_a_person(gaz: Gazetteer) -> None:
    text = "The blast killed Assef Shawkat, the president's brother-in-law, at once."
    assert [(m.text, m.entity.type) for m in extract(text, gaz)] == [
        ("Assef Shawkat", "person")
    ]
    # After a preposition the name is a place, whatever follows.
    [mention] = extract("In Kafr Nabudah, the local commander said so.", gaz)
    assert mention.entity.kind == "place"


def test_an_acronym_that_is_a_word_is_the_word_in_a_run_of_capitals() -> None:
    gazetteer = default_gazetteer()
    assert [m.text for m in extract("THE ARMY IS READY, LET US GO", gazetteer)] == []
    assert [m.text for m in extract("The IS group and the US said so.", gazetteer)] == [
        "IS", "US"
    ]
    assert [m.text for m in extract("ISIS CELLS ATTACKED", gazetteer)] == ["ISIS"]


def test_a_known_place_opens_a_list_of_places(gaz: Gazetteer) -> None:
    text = "The shelling hit Raqqa, Fleifel and Sfuhun on Sunday."
    assert [(m.text, m.entity.kind) for m in extract(text, gaz)] == [
        ("Raqqa", "place"), ("Fleifel", "place"), ("Sfuhun", "place")
    ]


def test_a_kunya_with_a_family_name_is_a_person(gaz: Gazetteer) -> None:
    [mention] = extract("He had a message from Abu Omar al-Shami on Monday.", gaz)
    assert (mention.text, mention.entity.type) == ("Abu Omar al-Shami", "person")
    [mention] = extract("A farmer from Ibleen fled north.", gaz)
    assert (mention.text, mention.entity.kind) == ("Ibleen", "place")


def test_names_before_a_plural_place_word_are_places(gaz: Gazetteer) -> None:
    text = "People fled the Hajin, Susat and Shafa sub-districts."
    assert [(m.text, m.entity.type) for m in extract(text, gaz)] == [
        ("Hajin", "sub-district"), ("Susat", "sub-district"), ("Shafa", "sub-district")
    ]


def test_a_list_does_not_reach_back_into_the_sentence_before(gaz: Gazetteer) -> None:
    text = "Shells fell in Raqqa. Moscow and Ankara agree a truce."
    assert [k for _, k, _ in found(text, gaz)] == ["place", "actor", "actor"]


def test_an_apposition_after_a_role_is_a_person(gaz: Gazetteer) -> None:
    text = "The governor of Raqqa, Loay Kharita, said the water was back. Kharita left."
    persons = [m.text for m in extract(text, gaz) if m.entity.type == "person"]
    assert persons == ["Loay Kharita", "Kharita"]
    text = "The board's co-chair, Samira Hac Ali, said so."
    assert [(m.text, m.entity.type) for m in extract(text, gaz)] == [
        ("Samira Hac Ali", "person")
    ]


def test_a_later_item_of_a_list_takes_the_role_of_the_first(gaz: Gazetteer) -> None:
    kinds = [k for _, k, _ in found("It was listed by Turkey, the US and Russia.", gaz)]
    assert kinds == ["actor", "actor", "actor"]
    kinds = [k for _, k, _ in found("Fighting in Syria, Turkey and Iran has spread.", gaz)]
    assert kinds == ["place", "place", "place"]


def test_names_inside_an_operation_name_are_not_marked() -> None:
    gazetteer = default_gazetteer()
    text = "Fighters left the Euphrates Shield zone and the Olive Branch region near Afrin."
    assert [m.text for m in extract(text, gazetteer)] == ["Afrin"]
    assert [m.text for m in extract("They crossed the Euphrates.", gazetteer)] == ["Euphrates"]


def test_a_country_written_as_a_backer_is_not_marked(gaz: Gazetteer) -> None:
    assert found("the Moscow-backed council", gaz) == []
    assert found("strikes on Iran-linked sites", gaz) == []


def test_directional_words_are_dropped(gaz: Gazetteer) -> None:
    assert found("in northeastern Syria and southern Idlib", gaz) == [
        ("Syria", "place", "syria"),
        ("Idlib", "place", "idlib"),
    ]
    assert found("Hard Times in Northeast Syria", gaz) == [("Syria", "place", "syria")]


def test_province_words_pick_the_governorate(gaz: Gazetteer) -> None:
    assert found("the border of Raqqah and Deir Ezzor provinces", gaz) == [
        ("Raqqah", "place", "gov-raqqa"),
        ("Deir Ezzor", "place", "gov-deir-ezzor"),
    ]
    assert found("ambushes near Deir Ezzor city", gaz) == [
        ("Deir Ezzor", "place", "deir-ezzor")
    ]


def test_a_capitalised_class_word_stays_in_a_known_name(gaz: Gazetteer) -> None:
    # The guide keeps "Homs Governorate" whole; a lower-case "province" goes.
    assert found("Shelling hit Deir Ezzor Governorate overnight.", gaz) == [
        ("Deir Ezzor Governorate", "place", "gov-deir-ezzor")
    ]
    assert found("Shelling hit Deir Ezzor governorate overnight.", gaz) == [
        ("Deir Ezzor", "place", "gov-deir-ezzor")
    ]


def test_a_generic_noun_after_a_known_name_stays_out(gaz: Gazetteer) -> None:
    # The gazetteer knows "Fatemiyoun Brigade" and "Fatemiyoun"; the guide marks the name.
    assert found("fighters of the Fatemiyoun brigade left", gaz) == [
        ("Fatemiyoun", "actor", "fatemiyoun")
    ]
    assert found("fighters of the Fatemiyoun Brigade left", gaz) == [
        ("Fatemiyoun Brigade", "actor", "fatemiyoun")
    ]


def test_a_facility_found_by_a_rule_keeps_its_word(gaz: Gazetteer) -> None:
    [mention] = extract("Trucks queued at the Umm Jaloud crossing on Monday.", gaz)
    assert (mention.text, mention.entity.type) == ("Umm Jaloud crossing", "border-crossing")
    [mention] = extract("Shelling hit the Atareb village overnight.", gaz)
    assert (mention.text, mention.entity.type) == ("Atareb", "village")


def test_a_common_word_does_not_open_a_name_through_folding(gaz: Gazetteer) -> None:
    # "In" folds like "Ain"; "In Raqqa" is not a place called "Ain Raqqa".
    assert found("In Raqqa, gunmen killed a man.", gaz) == [("Raqqa", "place", "raqqa")]


def test_an_institution_named_x_of_y_is_an_actor(gaz: Gazetteer) -> None:
    [mention] = extract("Jets struck the Ministry of Defence on Wednesday.", gaz)
    assert (mention.text, mention.entity.kind, mention.entity.type) == (
        "Ministry of Defence", "actor", "government"
    )
    assert mention.entity.origin == "rule"
    assert found("a Ministry official said", gaz) == []


def test_leading_the_is_outside_and_al_inside_the_span(gaz: Gazetteer) -> None:
    assert found("The Syrian Army entered the city of al-Qamishly.", gaz) == [
        ("Syrian Army", "actor", "syrian-army"),
        ("al-Qamishly", "place", "qamishli"),
    ]


def test_sentence_openers_months_and_weekdays_are_never_marked(gaz: Gazetteer) -> None:
    text = "According to them, However, Sources said. On Monday, in April, Meanwhile."
    assert found(text, gaz) == []


def test_the_kremlin_is_an_actor(gaz: Gazetteer) -> None:
    assert found("the Kremlin said", gaz) == [("Kremlin", "actor", "kremlin")]


# --- rules ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, name",
    [
        ("shells fell on the town of Kafr Ghan overnight", "Kafr Ghan"),
        ("residents of the village of Tell Shuwayhat fled", "Tell Shuwayhat"),
        ("an attack on the outskirts of Umm Batna", "Umm Batna"),
        ("fighting in Atareb village", "Atareb"),
        ("the Tuwais countryside was shelled", "Tuwais"),
        ("gunmen near Khirbat Hamam opened fire", "Khirbat Hamam"),
        ("a raid north of Qubbat al-Sharqi", "Qubbat al-Sharqi"),
        ("they reached the Jirah airbase", "Jirah airbase"),  # a facility keeps its word
        ("the Jafra field was seized", "Jafra field"),
    ],
)
def test_place_cues_find_unknown_places(gaz: Gazetteer, text: str, name: str) -> None:
    mentions = extract(text, gaz)
    assert [(m.text, m.entity.kind, m.entity.origin) for m in mentions] == [
        (name, "place", "rule")
    ]
    assert mentions[0].entity.id.startswith("rule:place:")


def test_a_list_after_a_place_cue_marks_every_name(gaz: Gazetteer) -> None:
    text = "regime forces shelled the villages of Kansafra, al-Fatira and Sufuhun on Monday"
    assert [m.text for m in extract(text, gaz)] == ["Kansafra", "al-Fatira", "Sufuhun"]


@pytest.mark.parametrize(
    "text, name",
    [
        ("clashes with the Sultan Malikshah Brigade", "Sultan Malikshah Brigade"),
        ("members of the Nur al-Haqq Division", "Nur al-Haqq Division"),
        ("the 4th Armoured Division advanced", "4th Armoured Division"),
        ("The Liwa Suqur al-Watan said", "Liwa Suqur al-Watan"),
        ("a commander of Jaysh al-Furqan was killed", "Jaysh al-Furqan"),
        ("the Akaidat tribe said", "Akaidat"),
        ("the Azm Operations Room brokered a truce", "Azm Operations Room"),
        ("the Manbij Military Council said", "Manbij Military Council"),
    ],
)
def test_actor_cues_find_unknown_groups(gaz: Gazetteer, text: str, name: str) -> None:
    assert [(m.text, m.entity.kind, m.entity.origin) for m in extract(text, gaz)] == [
        (name, "actor", "rule")
    ]


def test_an_acronym_defined_in_the_text_is_an_alias_in_that_document(gaz: Gazetteer) -> None:
    text = "The Free Idlib Army (FIA) said on Monday that FIA fighters had withdrawn."
    mentions = extract(text, gaz)
    assert [m.text for m in mentions] == ["Free Idlib Army", "FIA", "FIA"]
    assert len({m.entity.id for m in mentions}) == 1
    other = extract("Later the FIA denied it.", gaz)
    assert [m.text for m in other] == []


def test_a_known_name_with_its_acronym_gives_two_mentions(gaz: Gazetteer) -> None:
    assert found("the Syrian Democratic Forces (SDF) said", gaz) == [
        ("Syrian Democratic Forces", "actor", "sdf"),
        ("SDF", "actor", "sdf"),
    ]


def test_the_head_noun_after_an_organisation_is_that_organisation(gaz: Gazetteer) -> None:
    text = "Fighters of the Fatemiyoun Brigade left Raqqa. The Brigade said it would return."
    assert [m.text for m in extract(text, gaz) if m.entity.id == "fatemiyoun"] == [
        "Fatemiyoun Brigade", "Brigade"
    ]
    # Before the organisation, or without "the", the noun alone is nothing.
    assert found("The Brigade said it would return.", gaz) == []
    assert found("Fatemiyoun Brigade units and Brigade members left.", gaz) == [
        ("Fatemiyoun Brigade", "actor", "fatemiyoun")
    ]


def test_a_surname_after_the_full_name_is_the_same_person(gaz: Gazetteer) -> None:
    text = "Defence Minister Yasar Guler visited Hatay province. Guler said the army was ready."
    persons = [m for m in extract(text, gaz) if m.entity.type == "person"]
    assert [m.text for m in persons] == ["Yasar Guler", "Guler"]
    assert persons[0].entity.id == persons[1].entity.id


def test_a_surname_before_the_full_name_is_not_marked(gaz: Gazetteer) -> None:
    text = "Guler spoke first. Later, Defence Minister Yasar Guler left."
    assert [m.text for m in extract(text, gaz) if m.entity.type == "person"] == ["Yasar Guler"]


def test_a_discovered_name_has_the_same_id_in_two_documents(gaz: Gazetteer) -> None:
    first = extract("shells hit the village of Tell Shuwayhat", gaz)
    second = extract("Residents returned to the town of Tell Shuwayhat on Monday.", gaz)
    assert first[0].entity.id == second[0].entity.id


def test_a_discovered_name_is_marked_everywhere_in_its_document(gaz: Gazetteer) -> None:
    text = "Shells hit the village of Tell Shuwayhat. Later Tell Shuwayhat was quiet."
    assert [m.text for m in extract(text, gaz)] == ["Tell Shuwayhat", "Tell Shuwayhat"]


def test_a_possessive_inside_a_known_name_is_matched(gaz: Gazetteer) -> None:
    assert found("the People's Protection Units (YPG) said", gaz) == [
        ("People's Protection Units", "actor", "ypg"),
        ("YPG", "actor", "ypg"),
    ]


def test_a_country_possessive_is_not_part_of_a_discovered_name(gaz: Gazetteer) -> None:
    result = found("a visit to Turkey's Kilis province", gaz)
    assert [(t, k) for t, k, _ in result] == [("Turkey", "place"), ("Kilis", "place")]


def test_irregular_past_tense_verbs_make_a_country_act(gaz: Gazetteer) -> None:
    assert found("Turkey struck targets near Idlib.", gaz) == [
        ("Turkey", "actor", "state-turkey"),
        ("Idlib", "place", "idlib"),
    ]


def test_the_built_index_is_cached_and_a_damaged_cache_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    rows = [json.dumps({"description": "", **row}) for row in ACTORS]
    (data / "actors.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    lines = ["id\tname\taliases\ttype\tparent\tlat\tlon"]
    lines += [f"{i}\t{n}\t{a}\t{t}\t{p}\t35.0\t38.0" for i, n, a, t, p in PLACES]
    (data / "places_curated.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    cache = tmp_path / "cache"
    monkeypatch.setenv("SYRTUI_CACHE_DIR", str(cache))

    first = load_gazetteer(data)
    files = list(cache.glob("gazetteer-*.pickle"))
    assert len(files) == 1
    second = load_gazetteer(data)
    assert second.version == first.version
    assert [e.id for e in second.lookup("Dayr az-Zawr")] == ["deir-ezzor"]

    files[0].write_bytes(b"not a pickle")
    third = load_gazetteer(data)
    assert [e.id for e in third.lookup("al-Qamishly")] == ["qamishli"]

    (data / "actors.jsonl").write_text(rows[0] + "\n", encoding="utf-8")
    changed = load_gazetteer(data)
    assert changed.version != first.version
    assert changed.get("isis") is None


def test_extract_leaves_the_garbage_collector_as_it_found_it() -> None:
    import gc

    text = "Syrian Democratic Forces (SDF) fighters entered Raqqa."
    was_enabled = gc.isenabled()
    try:
        gc.enable()
        assert extract(text)
        assert gc.isenabled()
        gc.disable()
        assert extract(text)
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()
        else:
            gc.disable()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Clashes broke out in ash Shaddadi today.", "ash Shaddadi"),
        ("Forces loyal to Bashar al Assad advanced.", "Bashar al Assad"),
        ("Shelling hit Ras al Ain overnight.", "Ras al Ain"),
        # The letters of an article at the end of a longer word are not an article.
        ("A man called Nash Shaddadi spoke.", "Shaddadi"),
    ],
)
def test_a_name_may_open_with_a_spaced_lower_case_article(text: str, expected: str) -> None:
    assert expected in [m.text for m in extract(text)]


def test_a_force_phrase_glued_to_a_word_by_an_apostrophe_is_found() -> None:
    # The capitalised-word scan reads "0‘US" as one word; the phrase starts inside it.
    mentions = extract("Strikes by the 0‘US-led coalition hit the town.")
    assert [(m.text, m.entity.id) for m in mentions] == [("US-led coalition", "us-coalition")]


def test_a_title_word_after_us_makes_it_a_nationality_word() -> None:
    mentions = extract("U.S. Ambassador Linda Thomas-Greenfield said Moscow had cut off aid.")
    assert "U.S." not in [m.text for m in mentions]
    assert "Linda Thomas-Greenfield" in [m.text for m in mentions]


def test_a_time_zone_after_a_timestamp_is_not_part_of_a_name() -> None:
    mentions = extract("17:40 GMT Mazloum Abdi said the talks would go on.")
    assert [m.text for m in mentions] == ["Mazloum Abdi"]


def test_a_possessive_owner_is_not_an_item_of_a_place_list() -> None:
    text = ("Sheikh Ibrahim al-Hifl called for revolt. They retook Dhiban, Hifl's home town. "
            "Hifl fled.")
    kinds = {(m.text, m.entity.kind) for m in extract(text)}
    assert ("Hifl", "actor") in kinds and ("Hifl", "place") not in kinds


def test_a_surname_after_a_title_is_the_person() -> None:
    text = "Sheikh Mutlaq al-Jadaan spoke first. Later Sheikh Jadaan said they would wait."
    last = extract(text)[-1]
    assert (last.text, last.entity.name) == ("Jadaan", "Mutlaq al-Jadaan")


def test_plural_peoples_are_not_places() -> None:
    assert extract("A group is sowing strife between Arabs and Kurds.") == []


def test_an_institution_name_may_join_two_fields() -> None:
    [mention] = extract("The Ministry of Local Administration and Environment said so.")
    assert mention.text == "Ministry of Local Administration and Environment"
    texts = [m.text for m in extract("The Ministry of Health and UNICEF agreed.")]
    assert texts == ["Ministry of Health", "UNICEF"]


def test_hyphen_joined_nationalities_share_a_force_noun() -> None:
    [mention] = extract("The joint Russian-Turkish patrols were attacked.")
    assert (mention.text, mention.entity.kind) == ("Russian-Turkish patrols", "actor")


def test_an_agreement_named_after_a_place_marks_no_place() -> None:
    text = "Under the Sochi memorandum and the Astana format, talks were held in Sochi."
    assert [(m.text, m.start) for m in extract(text)] == [("Sochi", text.rindex("Sochi"))]


def test_a_settlement_of_names_a_place() -> None:
    [mention] = extract("Drones were launched from the settlement of Ruweiha overnight.")
    assert (mention.text, mention.entity.kind) == ("Ruweiha", "place")


def test_an_occupation_before_a_name_makes_a_person() -> None:
    [mention] = extract("In the village, farmer Khalid al-Ahmad pointed at the holes.")
    assert (mention.text, mention.entity.type) == ("Khalid al-Ahmad", "person")


def test_a_given_name_opens_a_person_the_gazetteer_lacks() -> None:
    text = "In Geneva, Jan Egeland pleaded for convoys. Later Egeland said they never moved."
    people = [(m.text, m.entity.type) for m in extract(text) if m.entity.kind == "actor"]
    assert people == [("Jan Egeland", "person"), ("Egeland", "person")]


def test_a_given_name_before_an_institution_word_is_not_a_person() -> None:
    mentions = extract("They met at the Omran Center and on Omar Mukhtar Street.")
    assert [m.entity.type for m in mentions] != ["person", "person"]
    assert all(m.entity.type != "person" for m in mentions)


def test_a_headline_after_a_known_person_is_not_a_new_person() -> None:
    mentions = extract("Ali Mamlouk Pushes North\n\nThe offensive went on.")
    assert mentions[0].text == "Ali Mamlouk"


def test_a_facility_named_after_a_known_town_keeps_its_word() -> None:
    [mention] = extract("Drones hit the Qara Qozak bridge again.")
    assert (mention.text, mention.entity.kind) == ("Qara Qozak bridge", "place")


def test_only_words_of_peoples_are_no_name() -> None:
    assert extract("The IRGC recruited Afghan Shia and Pakistani Shia fighters.")[1:] == []


def test_us_joined_to_another_nationality_is_an_adjective() -> None:
    assert [m.text for m in extract("A US-Russian truce collapsed.")] == []


def test_company_words_end_an_organisation_name() -> None:
    [mention] = extract("A deal with Levant Crescent Holding fell through.")
    assert (mention.text, mention.entity.type) == ("Levant Crescent Holding", "company")


def test_cited_authors_are_persons() -> None:
    text = ("Councils spread (Lister 2015; Heydemann 2018). As Khaddour (2017) argues, and "
            "as Baczko, Dorronsoro and Quesnay (2018) show, the battle of Aleppo (2016) ended.")
    people = [m.text for m in extract(text) if m.entity.type == "person"]
    assert people == ["Lister", "Heydemann", "Khaddour", "Baczko", "Dorronsoro", "Quesnay"]


def test_a_comma_may_stand_inside_a_known_name() -> None:
    text = "The International, Impartial and Independent Mechanism (IIIM) met in Damascus, Homs."
    assert [m.text for m in extract(text)] == [
        "International, Impartial and Independent Mechanism", "IIIM", "Damascus", "Homs"
    ]


def test_a_title_that_goes_on_with_of_is_not_a_person() -> None:
    texts = [m.text for m in extract("Chief of Staff Lt. Gen. Eyal Zamir toured the Hermon.")]
    assert "Eyal Zamir" in texts and not any(t.startswith("of ") for t in texts)


def test_a_court_is_an_institution() -> None:
    [mention] = extract("The Stockholm District Court ruled on Thursday.")
    assert (mention.text, mention.entity.kind) == ("Stockholm District Court", "actor")


def test_a_country_doing_a_gerund_after_of_acts() -> None:
    [mention] = extract("There was talk of Turkey putting air defences there.")
    assert mention.entity.kind == "actor"
    [mention] = extract("Refugees of Syria including children returned.")
    assert mention.entity.kind == "place"


def test_a_given_name_alone_after_the_full_name_is_the_person() -> None:
    text = "Hafez al-Assad ruled. Bashar al-Assad took over. Hafez had chosen him; Bashar fled."
    people = [(m.text, m.entity.name) for m in extract(text)]
    assert people[2:] == [("Hafez", "Hafez al-Assad"), ("Bashar", "Bashar al-Assad")]


def test_a_headline_ending_in_a_known_facility_keeps_the_facility() -> None:
    [mention] = extract("Convoy Blocked Outside Tabqa Dam\n\nThe convoy turned back.")
    assert mention.text == "Tabqa Dam"


def test_a_modifier_may_stand_before_the_state_noun() -> None:
    [first, _] = extract("Lebanon's caretaker prime minister, Najib Mikati, called for calm.")
    assert (first.text, first.entity.kind) == ("Lebanon", "actor")


def test_a_link_between_two_capitals_joins_places() -> None:
    kinds = [m.entity.kind for m in extract("The main link between Beirut and Damascus.")]
    assert kinds == ["place", "place"]


def test_a_hospital_named_by_a_rule_keeps_its_word() -> None:
    [mention] = extract("Staff at the Orient hospital moved patients out.")
    assert (mention.text, mention.entity.kind) == ("Orient hospital", "place")


def test_hashtags_and_handles_are_not_mentions() -> None:
    text = "Shelling near #Tal_Rifaat and #Manbij, said @SyriaWarMonitor. Manbij fell."
    assert [(m.text, m.start) for m in extract(text)] == [("Manbij", text.rindex("Manbij"))]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("The court let the ship go after Tehran gave written assurances.", "Tehran"),
        ("Israel will not let Tehran use Syrian docks.", "Tehran"),
        ("They are still awaiting a response from Moscow.", "Moscow"),
        ("Damascus calls the council a creation of Washington.", "Washington"),
        ("Prices rose after Russia invaded Ukraine.", "Ukraine"),
        ("Officials said that Ankara is ready to train the new army.", "Ankara"),
        ("They want to push Damascus into a security deal.", "Damascus"),
        ("The aim is to pull Syria out of Tehran's orbit.", "Tehran"),
        ("He argues that Israel cannot rely on air power alone.", "Israel"),
        ("Under a 1987 protocol between Turkey and Syria, water flows.", "Syria"),
        ("The administration has no channel to Ankara.", "Ankara"),
        ("The representative of Brazil added that schools must be rebuilt.", "Brazil"),
        ("Speaking also for Brazil, the delegate of Switzerland said so.", "Brazil"),
        ("The Syrian Arab Republic strongly condemns the aggression.", "Syrian Arab Republic"),
        ("They urged action to compel Israel to halt its attacks.", "Israel"),
        ("The ministry said Israel's actions threatened the truce.", "Israel"),
    ],
)
def test_words_around_a_country_make_it_the_state(text: str, country: str) -> None:
    kinds = {m.text: m.entity.kind for m in extract(text)}
    assert kinds[country] == "actor"


def test_an_arabic_original_in_brackets_is_a_mention_of_the_name() -> None:
    text = "Hayat Tahrir al-Sham (هيئة تحرير الشام) runs Idlib (إدلب)."
    assert [(m.text, m.entity.id) for m in extract(text)] == [
        ("Hayat Tahrir al-Sham", "hts"), ("هيئة تحرير الشام", "hts"),
        ("Idlib", "idlib"), ("إدلب", "idlib"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "It was signed by the presidents of Russia and Turkey.",
            [("Russia", "actor"), ("Turkey", "actor")],
            id="the_plural_state_nouns_make_both_countries_states",
        ),
        pytest.param(
            "Crowds gathered in Nasr Square and on Omar Mukhtar Street.",
            [("Nasr Square", "place"), ("Omar Mukhtar Street", "place")],
            id="a_capitalised_street_or_square_word_makes_a_place",
        ),
        pytest.param(
            "Umm Ammar returned to Tafas, and in Abu Kamal the storyteller Abu Shadi.",
            [
                ("Umm Ammar", "actor"), ("Tafas", "place"), ("Abu Kamal", "place"),
                ("Abu Shadi", "actor"),
            ],
            id="a_kunya_with_a_given_name_is_a_person",
        ),
        pytest.param(
            "Traders met at the al-Jalaa roundabout near the Old Clock Tower.",
            [("al-Jalaa roundabout", "place"), ("Old Clock Tower", "place")],
            id="a_roundabout_or_tower_is_a_place",
        ),
        pytest.param(
            "Iraq's Ministry of Water Resources halved the releases.",
            [("Iraq", "place"), ("Ministry of Water Resources", "actor")],
            id="an_institution_after_a_country_possessive_is_found",
        ),
        pytest.param(
            "Russian sappers cleared it while Turkish gendarmes watched the border.",
            [("Russian sappers", "actor"), ("Turkish gendarmes", "actor")],
            id="sappers_and_gendarmes_are_force_nouns",
        ),
        pytest.param(
            "DAMASCUS, Oct 14 (AFP) - The British Embassy in Beirut said the road was closed.",
            [
                ("DAMASCUS", "place"), ("AFP", "actor"), ("British Embassy", "actor"),
                ("Beirut", "place"),
            ],
            id="an_embassy_is_an_institution_and_a_month_abbreviation_no_place",
        ),
    ],
)
def test_names_and_their_kinds(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.entity.kind) for m in extract(text)] == expected
