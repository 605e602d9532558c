"""The city's units, shared by every service: departments (aliases resolve to one code), the city,
its districts and counties (GB/T 2260 codes) and functional zones. Data: ``units.yaml`` (versioned)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

CITY_CODE = "410500"
REGION_KINDS = ("district", "county", "county_city", "functional_zone")


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str  # department | city | district | county | county_city | functional_zone
    short_name: str
    aliases: tuple[str, ...] = ()
    category: str | None = None  # departments: government_department, party_organ, court, ...
    government: str | None = None  # regions: 人民政府 or 管委会 that acts for it
    parent: str | None = None
    acts_as_county: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "short_name": self.short_name, "kind": self.kind,
                "category": self.category, "government": self.government, "parent": self.parent,
                "acts_as_county": self.acts_as_county, "aliases": list(self.aliases)}


class UnknownUnit(KeyError):
    """No unit by that code or name; the message suggests close names."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown unit"


_SPACES = re.compile(r"\s+")
_BRACKETS = str.maketrans({"(": "（", ")": "）", "〔": "（", "〕": "）", "[": "（", "]": "）"})


def _key(name: str) -> str:
    """Spelling-insensitive key: no whitespace (the bulletin breaks names across lines), one bracket style."""
    return _SPACES.sub("", name).translate(_BRACKETS)


@dataclass(frozen=True)
class _Data:
    version: str
    units: tuple[Unit, ...]
    by_code: dict[str, Unit]
    by_name: dict[str, Unit]
    spellings: tuple[str, ...]  # keys of the written names and aliases (for suggestions)
    groups: dict[str, tuple[str, tuple[str, ...]]]  # key -> (group name, region kinds)
    open_groups: dict[str, str]  # key -> the open collective name's reference spelling


def _load(text: str) -> _Data:
    raw = yaml.safe_load(text)
    units: list[Unit] = []
    for d in raw["departments"]:
        units.append(Unit(code=d["code"], name=d["name"], kind="department",
                          short_name=d.get("short_name", d["name"]), aliases=tuple(d.get("aliases", ())),
                          category=d["category"]))
    c = raw["city"]
    units.append(Unit(code=str(c["code"]), name=c["name"], kind="city", short_name=c["name"],
                      aliases=(c["government"], *c.get("aliases", ())), government=c["government"]))
    for r in raw["regions"]:
        if r["kind"] not in REGION_KINDS:
            raise ValueError(f"units.yaml: region {r['code']}: unknown kind {r['kind']!r}")
        units.append(Unit(code=str(r["code"]), name=r["name"], kind=r["kind"], short_name=r["name"],
                          aliases=(r["government"], *r.get("aliases", ())), government=r["government"],
                          parent=CITY_CODE, acts_as_county=True))
    by_code: dict[str, Unit] = {}
    by_name: dict[str, Unit] = {}
    spellings: list[str] = []
    for u in units:
        if u.code in by_code:
            raise ValueError(f"units.yaml: duplicate code {u.code}")
        by_code[u.code] = u
        for name in {u.name, u.short_name, *u.aliases}:
            k = _key(name)
            if k in by_name and by_name[k] is not u:
                raise ValueError(f"units.yaml: name {name!r} used by {by_name[k].code} and {u.code}")
            by_name[k] = u
            spellings.append(k)
            if k.startswith("市"):  # "安阳市财政局" is "市财政局"
                by_name.setdefault("安阳" + k, u)
    groups = {}
    for g in raw.get("groups", ()):
        for name in (g["name"], *g.get("aliases", ())):
            groups[_key(name)] = (g["name"], tuple(g["kinds"]))
    open_groups = {_key(name): g["name"] for g in raw.get("open_groups", ())
                   for name in (g["name"], *g.get("aliases", ()))}
    return _Data(str(raw["version"]), tuple(units), by_code, by_name, tuple(spellings), groups, open_groups)


@lru_cache(maxsize=1)
def _data() -> _Data:
    return _load(resources.files(__package__).joinpath("units.yaml").read_text(encoding="utf-8"))


def units() -> tuple[Unit, ...]:
    return _data().units


def unit(code: str) -> Unit:
    try:
        return _data().by_code[code]
    except KeyError:
        raise UnknownUnit(f"未知单位代码 {code!r} / unknown unit code {code!r}") from None


def unit_name(code: str) -> str:
    """The unit's name for a person to read; the code itself when it names no unit of the reference data."""
    found = _data().by_code.get(code)
    return found.name if found else code


def regions(*, include_city: bool = False) -> tuple[Unit, ...]:
    """The 9 districts, counties and county-level city, then the 3 functional zones."""
    return tuple(u for u in _data().units if u.kind in REGION_KINDS or (include_city and u.kind == "city"))


def is_region(code: str) -> bool:
    """True for the city code and every district, county and functional-zone code."""
    u = _data().by_code.get(code)
    return u is not None and (u.kind in REGION_KINDS or u.kind == "city")


def group_members(name: str) -> tuple[Unit, ...]:
    """The regions a collective name such as 各县（市、区）政府 stands for; KeyError when not a group."""
    found = _data().groups.get(_key(name))
    if found is None:
        raise UnknownUnit(f"“{name}”不是已知的集合名称 / {name!r} is not a known collective name")
    return tuple(u for u in regions() if u.kind in found[1])


def open_group(name: str) -> str | None:
    """The reference spelling of an open collective name (各相关部门, 市有关部门, …): its members are not
    fixed by the text and are named case by case; None when `name` is not one."""
    return _data().open_groups.get(_key(name))


def resolve(name_or_alias: str) -> Unit:
    """The unit for a code, a name or an alias (spelling variants of whitespace and brackets ignored)."""
    data = _data()
    text = name_or_alias.strip()
    if text in data.by_code:
        return data.by_code[text]
    if text.lower() in data.by_code:
        return data.by_code[text.lower()]
    k = _key(text)
    if k in data.by_name:
        return data.by_name[k]
    if k in data.groups:
        raise UnknownUnit(f"“{text}”是集合名称，指多个单位，请用 group_members() 展开 / "
                          f"{text!r} names several units; expand it with group_members()")
    close = difflib.get_close_matches(k, data.spellings, n=5, cutoff=0.6)
    suggestions = list(dict.fromkeys(f"{data.by_name[c].name}（{data.by_name[c].code}）" for c in close))[:3]
    hint_zh = f"；是否指：{'、'.join(suggestions)}" if suggestions else ""
    hint_en = f"; did you mean: {', '.join(suggestions)}" if suggestions else ""
    raise UnknownUnit(f"未知单位“{text}”{hint_zh} / unknown unit {text!r}{hint_en} "
                      f"(reference data version {data.version})")


DATA_VERSION: str = _data().version
