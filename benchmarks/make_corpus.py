"""Write a synthetic library of conflict-news articles for the scale benchmarks.

    python benchmarks/make_corpus.py OUT_DIR [-n 10000] [--seed 1]

Each article (~5 KB, .txt) follows the seed's layout: a title, "By <source>", a
"<Outlet>, <Month DD, YYYY>" dateline, metadata lines, body paragraphs and a
boilerplate tail. Bodies recombine the paragraph templates below, filled with actors,
places, dates and numbers, so every file differs in entities, dates and length.
Files go into one sub-folder per year. The same seed always writes the same files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "syrtui" / "entities" / "data"

# Actors as written in articles: (name, short form or None).
ACTORS: list[tuple[str, str | None]] = [
    ("Syrian Arab Army", "SAA"),
    ("Syrian Democratic Forces", "SDF"),
    ("People's Protection Units", "YPG"),
    ("Hayat Tahrir al-Sham", "HTS"),
    ("Syrian National Army", "SNA"),
    ("Islamic State", "ISIS"),
    ("Hezbollah", None),
    ("Russian Military Police", None),
    ("Turkish Armed Forces", None),
    ("Syrian Observatory for Human Rights", "SOHR"),
    ("Syrian Civil Defence", None),
    ("United Nations", "UN"),
    ("Ahrar al-Sham", None),
    ("Jaysh al-Islam", None),
    ("Free Syrian Army", "FSA"),
    ("National Defence Forces", "NDF"),
    ("Fourth Division", None),
    ("Tiger Forces", None),
    ("Islamic Revolutionary Guard Corps", "IRGC"),
    ("Fatemiyoun Brigade", None),
    ("Liwa al-Quds", None),
    ("Sultan Murad Division", None),
    ("Hamza Division", None),
    ("Asayish", None),
    ("Women's Protection Units", "YPJ"),
    ("Deir Ezzor Military Council", None),
    ("Manbij Military Council", None),
    ("Jabhat al-Nusra", None),
    ("Hurras al-Din", None),
    ("National Liberation Front", "NLF"),
    ("Kurdistan Workers' Party", "PKK"),
    ("International Committee of the Red Cross", "ICRC"),
    ("World Food Programme", "WFP"),
    ("Syrian Arab Red Crescent", "SARC"),
    ("Bashar al-Assad", None),
    ("Mazloum Abdi", None),
    ("Abu Mohammad al-Jolani", None),
    ("Sergei Lavrov", None),
    ("Recep Tayyip Erdogan", None),
    ("Geir Pedersen", None),
]

PLACES: list[str] = [
    "Idlib", "Aleppo", "Damascus", "Homs", "Hama", "Latakia", "Tartus", "Raqqa",
    "Deir Ezzor", "Hasakah", "Qamishli", "Kobani", "Manbij", "Afrin", "Azaz", "al-Bab",
    "Jarablus", "Tal Abyad", "Ras al-Ain", "Ain Issa", "Tal Tamr", "Mayadin", "Abu Kamal",
    "al-Bukamal", "Palmyra", "Daraa", "Busra al-Sham", "Nawa", "Quneitra", "Sweida",
    "Douma", "Harasta", "Eastern Ghouta", "Saraqib", "Maarat al-Numan", "Khan Shaykhun",
    "Jisr al-Shughur", "Ariha", "Sarmin", "Atarib", "Darat Izza", "Kafr Nabl",
    "al-Tanf", "Rukban", "al-Hol", "Tabqa", "Shaddadi", "Hajin", "al-Omar oil field",
    "Conoco gas field", "Tishrin Dam", "Euphrates", "Khabur", "Jabal al-Zawiya",
    "Jabal al-Akrad", "Kessab", "Qardaha", "Talkalakh", "Qusayr", "Yabroud",
    "Zabadani", "Bab al-Hawa", "Bab al-Salameh", "Nasib", "Jdeidet Yabous", "Hmeimim",
    "Shayrat", "T4 airbase", "Kuweires", "Menagh",
]

PROVINCES = ["Idlib", "Aleppo", "Hama", "Homs", "Raqqa", "Deir Ezzor", "Hasakah", "Daraa",
             "Latakia", "Quneitra", "Sweida", "Rif Dimashq"]

SOURCES = ["South Front", "Agence France-Presse", "Enab Baladi", "Syria Direct",
           "North Press Agency", "SANA", "Al-Monitor staff", "Middle East Eye",
           "Asharq Al-Awsat", "The New Arab", "Reuters staff", "Levant Desk",
           "Rania Haddad", "Omar Khalil", "Sarah Lindqvist", "Yusuf Darwish"]

OUTLETS = ["Global Research", "Levant Observer", "Euphrates Review", "Northern Dispatch",
           "Crossing Points", "Frontline Notes", "Orontes Daily", "Desert Wire"]

THEMES = ["US NATO War Agenda", "Humanitarian Crisis", "Security", "Diplomacy",
          "Energy and Resources", "Refugees", "Law and Justice", "Reconstruction"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

TITLES = [
    "Fighting Flares Around {place} as {actor} Pushes North",
    "{actor} and {actor2} Trade Fire Near {place}",
    "Talks Over {place} Stall While Shelling Continues",
    "Convoy Blocked Outside {place}; Tension Rises in {place2}",
    "Aid Reaches {place} After Weeks of Siege",
    "Drone Strikes Hit {actor} Positions in {province} Countryside",
    "{actor} Claims Control of Villages West of {place}",
    "Water Crisis Deepens in {place} as Pumping Station Stops",
    "Prisoners Exchanged at {place} Crossing",
    "Displaced Families Return to {place} Amid Fragile Calm",
    "New Checkpoints Around {place} Anger Residents",
    "Oil Trucks Seized on the Road to {place}",
]

# Paragraph templates. Slots: {actor} {actor2} {actor3} {place} {place2} {place3}
# {province} {number} {number2} {past_year} {day} {month} {weekday}
TEMPLATES = [
    "Fighters of the {actor} attacked positions held by the {actor2} on the outskirts of "
    "{place} early on {weekday}, according to local sources. The assault lasted several hours "
    "and at least {number} combatants were reported killed on both sides before the attackers "
    "withdrew toward {place2}.",
    "Residents of {place} said artillery fire hit the eastern neighbourhoods of the town for "
    "the third night in a row. A school and a bakery were damaged, and {number} civilians were "
    "taken to a field hospital in {place2}.",
    "The {actor} announced that it had dismantled a cell planning attacks in {province} "
    "province. Its statement named {number} suspects and said explosives had been found in a "
    "farmhouse between {place} and {place3}.",
    "On {month} {day}, a convoy of the {actor} was stopped at a checkpoint near {place} by "
    "members of the {actor2}. After a tense standoff lasting most of the afternoon, the "
    "vehicles turned back toward {place2}.",
    "Humanitarian workers with the {actor} warned that food stocks in {place} would last no "
    "more than {number} days. They asked all parties to open the road from {place2} so that "
    "trucks could reach the displaced camps.",
    "The {actor} said in a statement that it holds the {actor2} responsible for the escalation "
    "around {place}. It added that its units would respond to any further violation of the "
    "ceasefire in {province} province.",
    "Local councils in {place} have started registering families who fled the recent "
    "fighting. Officials estimate that around {number2} people left the area in the past "
    "month, most of them heading toward {place2} and {place3}.",
    "Satellite images reviewed by analysts show new earthworks and fortifications along the "
    "front line south of {place}. The {actor} appears to be preparing for a long stay rather "
    "than a quick advance.",
    "A car bomb exploded in the market of {place} on {weekday} morning, killing {number} "
    "people and wounding dozens more. No group claimed the attack, but officials of the "
    "{actor} blamed sleeper cells of the {actor2}.",
    "Farmers near {place} complained that fires set during the fighting destroyed large "
    "parts of the wheat harvest. Prices of bread in {place2} have almost doubled since the "
    "start of the year.",
    "The {actor} and the {actor2} held a round of talks at a base near {place}. Participants "
    "described the meeting as difficult, and no date has been set for the next session.",
    "According to the {actor}, {number} people were killed across the country during the "
    "week, including {number2} civilians. The largest share of the deaths was recorded in "
    "{province} province, around {place} and {place2}.",
    "Water pumped from the station near {place} stopped again this week, leaving hundreds of "
    "thousands of residents of {place2} dependent on tanker trucks. Engineers blamed power "
    "cuts and damaged pipes.",
    "Aircraft believed to belong to the {actor} struck targets in the hills west of {place}. "
    "Witnesses reported at least {number} strikes within an hour, and smoke could be seen "
    "from {place2}.",
    "Commanders of the {actor} told reporters that their forces had captured the villages "
    "of {place} and {place2} after a two-day battle. The claim could not be independently "
    "verified.",
    "Medical staff in {place} said the main hospital was running on generators and that "
    "fuel would run out within {number} days unless deliveries resumed through {place2}.",
    "The envoy of the {actor} visited {place} and met with local notables and tribal "
    "elders. He urged them to support a political settlement and to reject recruitment by "
    "the {actor2}.",
    "Traffic on the highway between {place} and {place2} resumed after engineers removed "
    "mines planted on the road shoulders. Drivers still report long queues at checkpoints "
    "run by the {actor}.",
    "In {place}, teachers went on strike to demand higher salaries. They said that a "
    "monthly wage now buys less than a week of food, and that {number} schools in the area "
    "have closed.",
    "The {actor} accused the {actor2} of shelling residential areas of {place} with "
    "rocket launchers. The {actor2} denied the accusation and said it had only targeted "
    "military positions near {place3}.",
    "Dozens of families returned to {place} this month after the road from {place2} was "
    "reopened. Many found their homes looted, and the electricity network has not been "
    "repaired.",
    "A delegation of the {actor} inspected the camp of {place}, where about {number2} "
    "people live in tents. Aid workers described overcrowding, a lack of clean water, and "
    "cases of skin disease among children.",
    "Tensions rose in {province} province after the {actor} arrested {number} young men "
    "accused of evading conscription. Relatives gathered in front of the security office in "
    "{place} to demand their release.",
    "An explosion at an ammunition depot near {place} shook houses as far away as "
    "{place2}. The {actor} said the blast was an accident, while activists suspected an air "
    "strike.",
    "The {actor} published a video showing its fighters patrolling the streets of {place}. "
    "The footage could not be dated, but landmarks in it matched the old town centre.",
    "Smuggling routes between {place} and the border have become busier, according to "
    "traders in {place2}. Fuel, cigarettes and medicine cross at night, with payments made "
    "to members of the {actor}.",
    "Officials of the {actor} said that reconstruction of the bridge over the river at "
    "{place} would begin next month. The bridge was destroyed in the {past_year} fighting years "
    "ago and its loss cut {place2} off from the regional centre.",
    "Observers counted {number} ceasefire violations in {province} province during the "
    "last forty-eight hours. Most of them involved mortar fire on the front lines around "
    "{place} and {place2}.",
    "Several members of the {actor} defected and crossed to areas held by the {actor2} "
    "near {place}, according to a source within the group. Their commander denied the "
    "report and called it propaganda.",
    "Heavy rain flooded the tents of displaced families near {place}. Volunteers from the "
    "{actor} distributed blankets and plastic sheeting, but said the need was far greater "
    "than what they could provide.",
    "In a speech broadcast on {weekday}, {actor} promised to restore control over the "
    "whole country, naming {place} and {place2} as priorities. Analysts saw the speech as "
    "a message to foreign backers.",
    "Patrols of the {actor} and the {actor2} met on the road north of {place} without "
    "incident, the first joint movement in the area since the agreement signed in {month}.",
    "Power lines linking {place} to the grid were cut by unknown assailants, the second "
    "such sabotage this month. Repair crews were escorted by members of the {actor}.",
    "Local journalists in {place} described growing pressure from the {actor}, which "
    "requires permits for filming and has detained {number} reporters since the spring.",
    "The price of diesel in {place} rose sharply after the {actor} raised fees at the "
    "crossing near {place2}. Bakeries cut their working hours and queues grew long before "
    "dawn.",
    "A landmine left from earlier fighting killed {number} shepherds in the desert east of "
    "{place}. Demining teams say the area will take years to clear.",
    "Tribal leaders in {province} province called on the {actor} to release detainees "
    "and to share oil revenue with local communities around {place}.",
    "A ministerial meeting on Syria ended with a joint call for humanitarian access to "
    "{place}. The statement also mentioned the {actor} and asked it to stop obstructing aid "
    "convoys from {place2}.",
    "The {actor} reinforced its positions near {place} with tanks and rocket launchers "
    "brought from {place2}, according to a monitor. Residents fear a new offensive before "
    "the end of {month}.",
    "A court set up by the {actor} in {place} sentenced {number} people accused of "
    "belonging to the {actor2}. Rights groups criticised the trials as lacking basic "
    "guarantees.",
    "The {actor} says it is investigating reports that civilians were killed in a raid on "
    "a farm outside {place}. Relatives told reporters that the victims were harvesting olives.",
    "Refugees who came back from abroad to {place} describe long interrogations by the "
    "{actor} and fees demanded at every checkpoint between {place2} and their homes.",
    "Electricity arrives in {place} for only {number} hours a day, and private generators "
    "charge by the ampere. Families in {place2} say the bills now take most of their income.",
    "Militants loyal to the {actor} ambushed a patrol on the road between {place} and "
    "{place3}, destroying a vehicle. The {actor2} said two of its members were wounded.",
]

TAIL = """The original source of this article is {outlet}
Copyright © {source}, {outlet}, {year}

Comment on {outlet} Articles on our Facebook page

Become a Member of {outlet}

Disclaimer: The contents of this article are of sole responsibility of the author(s). \
{outlet} will not be responsible for any inaccurate or incorrect statement in this article.

For media inquiries: desk@{domain}.example"""

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def load_names() -> tuple[list[str], list[str]]:
    """Actor and place names: the built-in lists, plus the gazetteer's when it exists."""
    actors = [name if short is None else (f"{name} ({short})") for name, short in ACTORS]
    actors += [short for _, short in ACTORS if short]
    places = list(PLACES)
    actors_file = DATA_DIR / "actors.jsonl"
    if actors_file.exists():
        for line in actors_file.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and record.get("name"):
                actors.append(str(record["name"]))
    curated = DATA_DIR / "places_curated.tsv"
    if curated.exists():
        rows = curated.read_text(encoding="utf-8").splitlines()[1:]
        for row in rows:
            cells = row.split("\t")
            if len(cells) > 3 and cells[1] and cells[3] not in ("country",):
                places.append(cells[1])
    return sorted(set(actors)), sorted(set(places))


def make_article(rng: random.Random, actors: list[str], places: list[str]) -> tuple[int, str]:
    """One article's text and its year."""
    year = rng.randint(2012, 2025)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    cast = rng.sample(actors, 5)
    scene = rng.sample(places, 6)

    def fill(template: str) -> str:
        # A paragraph names a few of the article's actors and places, sometimes others.
        values = {
            "actor": rng.choice(cast[:3]),
            "actor2": rng.choice(cast[3:]),
            "actor3": rng.choice(actors),
            "place": rng.choice(scene[:3]),
            "place2": rng.choice(scene[3:]),
            "place3": rng.choice(places),
            "province": rng.choice(PROVINCES),
            "number": str(rng.randint(2, 60)),
            "number2": str(rng.randint(200, 40000)),
            "past_year": str(rng.randint(2013, 2019)),
            "day": str(rng.randint(1, 28)),
            "month": rng.choice(MONTHS),
            "weekday": rng.choice(WEEKDAYS),
        }
        return template.format_map(values)

    title = fill(rng.choice(TITLES))
    source = rng.choice(SOURCES)
    outlet = rng.choice(OUTLETS)
    lines = [
        title,
        f"By {source}",
        f"{outlet}, {MONTHS[month - 1]} {day:02d}, {year}",
        f"Region: {rng.choice(['Middle East & North Africa', 'Syria', 'Levant'])}",
        f"Theme: {rng.choice(THEMES)}",
    ]
    target = rng.randint(3700, 4900)
    size = sum(len(line) for line in lines)
    body: list[str] = []
    while size < target:
        paragraph = fill(rng.choice(TEMPLATES))
        if rng.random() < 0.4:
            paragraph += " " + fill(rng.choice(TEMPLATES))
        body.append(paragraph)
        size += len(paragraph) + 2
    domain = outlet.lower().replace(" ", "")
    tail = TAIL.format(outlet=outlet, source=source, year=year, domain=domain)
    return year, "\n\n".join(lines + body) + "\n\n" + tail + "\n"


def write_corpus(out_dir: Path, count: int, seed: int) -> list[Path]:
    """Write ``count`` articles under ``out_dir/<year>/``; returns their paths."""
    rng = random.Random(seed)
    actors, places = load_names()
    written: list[Path] = []
    for number in range(count):
        year, text = make_article(rng, actors, places)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        folder = out_dir / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{number:05d}_{digest}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("-n", "--count", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.count < 1:
        print("make_corpus: -n must be at least 1", file=sys.stderr)
        return 2
    paths = write_corpus(args.out_dir, args.count, args.seed)
    total = sum(path.stat().st_size for path in paths)
    print(f"wrote {len(paths)} articles ({total / 1e6:.1f} MB) under {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
