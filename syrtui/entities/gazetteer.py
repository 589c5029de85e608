"""The gazetteer: known actors and places, indexed by spelling-tolerant keys."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import pickle
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from syrtui.entities.model import Entity
from syrtui.entities.normalize import (
    TOKEN_RE,
    is_acronym,
    key_of_tokens,
    name_key,
    strip_possessive,
)

# Bumped whenever matching behaviour changes, so cached extractions are recomputed.
ENGINE_VERSION = "14"

DATA_DIR = Path(__file__).with_name("data")
DATA_FILES = (
    "actors.jsonl", "places_curated.tsv", "places_geonames.tsv", "forces.json",
    "operations.txt", "given_names.txt",
)
# The id that names of operations ("Euphrates Shield") are known under: such a match
# covers the names inside it and is not itself a mention.
OPERATION_ID = "operation:"

# Class words that name a governorate when they follow a city's name.
GOVERNORATE_WORDS = ("Governorate", "Province", "governorate", "province")


@dataclass(frozen=True, slots=True)
class ForceTable:
    """Nationality words and force nouns (from forces.json)."""

    nationalities: dict[str, str]
    force_nouns: tuple[str, ...]
    qualifiers: tuple[str, ...]
    backed_verbs: tuple[str, ...]
    backed_nouns: tuple[str, ...]
    attributive_heads: frozenset[str]
    forces: dict[str, dict[str, str]]
    backed: dict[str, str]
    backed_overrides: dict[str, dict[str, str]]

    def force_actor(self, country: str, noun: str) -> str | None:
        """The actor id for nationality ``country`` + force ``noun``."""
        table = self.forces.get(country, {})
        return table.get(noun.lower(), table.get("*"))

    def backed_actor(self, country: str, noun: str) -> str | None:
        """The actor id for "<country>-backed <noun>"."""
        override = self.backed_overrides.get(country, {}).get(noun.lower())
        return override or self.backed.get(country)


@dataclass(slots=True)
class Gazetteer:
    """Known entities and the indexes the matcher uses.

    ``keys`` maps a normalised name key to entity ids (best first); ``acronyms`` maps
    an acronym exactly as written ("SDF", "U.S.") to ids; ``prefixes`` holds the keys of
    every proper leading part of a multi-word name, so matching can stop early;
    ``first_words`` the first words of multi-word names as written, lower-cased;
    ``given_names`` the given names that open a person's name (given_names.txt).
    """

    version: str
    by_id: dict[str, Entity] = field(default_factory=dict)
    keys: dict[str, list[str]] = field(default_factory=dict)
    acronyms: dict[str, list[str]] = field(default_factory=dict)
    prefixes: set[str] = field(default_factory=set)
    first_words: set[str] = field(default_factory=set)
    governorate_of: dict[str, str] = field(default_factory=dict)
    state_of_place: dict[str, str] = field(default_factory=dict)
    place_of_state: dict[str, str] = field(default_factory=dict)
    geonames_ids: set[str] = field(default_factory=set)
    forces: ForceTable | None = None
    given_names: frozenset[str] = frozenset()

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None."""
        return self.by_id.get(entity_id)

    def entities(self) -> Iterator[Entity]:
        """Every known entity, actors first."""
        return iter(self.by_id.values())

    def __len__(self) -> int:
        return len(self.by_id)

    def lookup(self, name: str) -> list[Entity]:
        """Entities whose name or alias matches ``name`` under spelling folding."""
        ids = self.acronyms.get(name) if is_acronym(name) else None
        if not ids:
            ids = self.keys.get(name_key(name), [])
        return [self.by_id[i] for i in ids]

    def add_operation(self, name: str) -> None:
        """Register the name of an operation: matched, but neither an actor nor a place."""
        self._add_spelling(name, OPERATION_ID)

    def add(self, entity: Entity, names: list[str]) -> None:
        """Register ``entity`` under its name and ``names`` (aliases)."""
        if entity.id in self.by_id:
            return
        self.by_id[entity.id] = entity
        for name in dict.fromkeys([entity.name, *names]):
            name = name.strip()
            if not name:
                continue
            if is_acronym(name):
                _append(self.acronyms, name, entity.id)
                continue
            self._add_spelling(name, entity.id)

    def _add_spelling(self, name: str, entity_id: str) -> None:
        """Index one written name under its key, with its leading parts and first word."""
        words = [strip_possessive(w) for w in TOKEN_RE.findall(name)]
        key = key_of_tokens(words)
        if not key:
            return
        _append(self.keys, key, entity_id=entity_id)
        parts = key.split(" ")
        for size in range(1, len(parts)):
            self.prefixes.add(" ".join(parts[:size]))
        if len(words) > 1:
            self.first_words.add(words[0].lower())


def _append(index: dict[str, list[str]], key: str, entity_id: str) -> None:
    """Add ``entity_id`` to ``index[key]`` once."""
    ids = index.setdefault(key, [])
    if entity_id not in ids:
        ids.append(entity_id)


def _float(value: str) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _read_actors(path: Path, gazetteer: Gazetteer) -> None:
    if not path.exists():
        return
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if not line:
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if not isinstance(row, dict) or not row.get("id") or not row.get("name"):
                continue
            entity = Entity(
                id=str(row["id"]),
                name=str(row["name"]),
                kind="actor",
                type=str(row.get("type") or "armed-group"),
                faction=row.get("faction") or None,
                description=str(row.get("description") or ""),
            )
            aliases = [a for a in row.get("aliases") or [] if isinstance(a, str)]
            gazetteer.add(entity, aliases)
            if row.get("place"):
                gazetteer.state_of_place[str(row["place"])] = entity.id
                gazetteer.place_of_state[entity.id] = str(row["place"])


def _read_places(path: Path, gazetteer: Gazetteer, geonames: bool) -> None:
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            place_id = (row.get("id") or "").strip()
            name = (row.get("name") or "").strip()
            if not place_id or not name or place_id in gazetteer.by_id:
                continue
            entity = Entity(
                id=place_id,
                name=name,
                kind="place",
                type=(row.get("type") or "town").strip(),
                lat=_float(row.get("lat") or ""),
                lon=_float(row.get("lon") or ""),
                parent=(row.get("parent") or "").strip() or None,
            )
            aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
            gazetteer.add(entity, aliases)
            if geonames:
                gazetteer.geonames_ids.add(place_id)
            if entity.type == "governorate":
                for label in [name, *aliases]:
                    base = label
                    for word in GOVERNORATE_WORDS:
                        base = base.replace(word, "")
                    key = name_key(base)
                    if key:
                        gazetteer.governorate_of.setdefault(key, place_id)


def _read_lines(path: Path) -> list[str]:
    """The entries of a one-per-line data file, in order, without comments and blanks."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _read_operations(path: Path, gazetteer: Gazetteer) -> None:
    if path.exists():
        for name in _read_lines(path):
            gazetteer.add_operation(name)


def _add_country_states(gazetteer: Gazetteer) -> None:
    """A state for every country the actors file gives none, so that any country can act
    ("the ambassador of Belarus"); it is reached through the country's own spellings."""
    for place in [e for e in gazetteer.by_id.values() if e.type == "country"]:
        state_id = f"state-{place.id}"
        if place.id in gazetteer.state_of_place or state_id in gazetteer.by_id:
            continue
        gazetteer.by_id[state_id] = Entity(
            id=state_id,
            name=place.name,
            kind="actor",
            type="state",
            description=f"The state of {place.name}: its government acting.",
        )
        gazetteer.state_of_place[place.id] = state_id
        gazetteer.place_of_state[state_id] = place.id


def _read_forces(path: Path, gazetteer: Gazetteer) -> None:
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    gazetteer.forces = ForceTable(
        nationalities=dict(data.get("nationalities", {})),
        force_nouns=tuple(data.get("force_nouns", ())),
        qualifiers=tuple(data.get("qualifiers", ())),
        backed_verbs=tuple(data.get("backed_verbs", ())),
        backed_nouns=tuple(data.get("backed_nouns", ())),
        attributive_heads=frozenset(data.get("attributive_heads", ())),
        forces={k: dict(v) for k, v in data.get("forces", {}).items()},
        backed=dict(data.get("backed", {})),
        backed_overrides={k: dict(v) for k, v in data.get("backed_overrides", {}).items()},
    )
    for actor_id, row in data.get("extra_actors", {}).items():
        if actor_id in gazetteer.by_id:
            continue
        entity = Entity(
            id=actor_id,
            name=row["name"],
            kind="actor",
            type=row.get("type", "force"),
            faction=row.get("faction"),
            description=row.get("description", ""),
        )
        # Registered without aliases: these are reached through force phrases only.
        gazetteer.by_id[actor_id] = entity


def data_version(data_dir: Path) -> str:
    """A hash of the data files' bytes and the engine version."""
    digest = hashlib.sha256(ENGINE_VERSION.encode())
    for name in DATA_FILES:
        path = data_dir / name
        digest.update(name.encode())
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_gazetteer(data_dir: Path | None = None, *, use_cache: bool = True) -> Gazetteer:
    """Read the gazetteer from ``data_dir`` (default: the package's data folder).

    The built indexes are kept in the user's cache folder, keyed by the data files' and
    the engine's bytes, so later processes skip the build; ``use_cache=False`` always
    builds from the files and writes nothing.
    """
    folder = Path(data_dir) if data_dir is not None else DATA_DIR
    version = data_version(folder)
    cache_file = _cache_file(version) if use_cache else None
    if cache_file is not None:
        cached = _read_cached(cache_file, version)
        if cached is not None:
            return cached
    gazetteer = Gazetteer(version=version)
    _read_actors(folder / "actors.jsonl", gazetteer)
    _read_places(folder / "places_curated.tsv", gazetteer, geonames=False)
    _read_places(folder / "places_geonames.tsv", gazetteer, geonames=True)
    _add_country_states(gazetteer)
    _read_operations(folder / "operations.txt", gazetteer)
    forces_path = folder / "forces.json"
    _read_forces(forces_path if forces_path.exists() else DATA_DIR / "forces.json", gazetteer)
    names_path = folder / "given_names.txt"
    gazetteer.given_names = frozenset(
        _read_lines(names_path if names_path.exists() else DATA_DIR / "given_names.txt")
    )
    if cache_file is not None:
        _write_cached(cache_file, gazetteer)
    return gazetteer


def _cache_file(version: str) -> Path | None:
    """Where the built indexes for ``version`` are kept, or None without a cache folder."""
    try:
        from syrtui.paths import cache_dir

        digest = hashlib.sha256()
        for module in ("gazetteer.py", "normalize.py", "model.py"):
            digest.update(Path(__file__).with_name(module).read_bytes())
        return cache_dir() / f"gazetteer-{version}-{digest.hexdigest()[:12]}.pickle"
    except Exception:  # no usable cache folder: build every time
        return None


def _private(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read_cached(path: Path, version: str) -> Gazetteer | None:
    """The cached gazetteer, if it is there and only this user could have written it
    (unpickling runs code, so a file others may write is never loaded)."""
    try:
        with path.open("rb") as handle:
            if not (_private(os.fstat(handle.fileno())) and _private(path.parent.stat())):
                return None
            cached = pickle.load(handle)
    except Exception:  # missing, unreadable or damaged: rebuild
        return None
    if isinstance(cached, Gazetteer) and cached.version == version:
        return cached
    return None


def _write_cached(path: Path, gazetteer: Gazetteer) -> None:
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        return


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The package gazetteer, loaded once per process."""
    return load_gazetteer()
