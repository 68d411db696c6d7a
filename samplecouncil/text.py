"""Turns subject templates into paragraphs, naming speakers the varied ways real minutes do.

A template is plain text with two kinds of slot:

* ``$name`` / ``${name}``: filled from the item's slot values (string.Template);
* ``{S:role}``, ``{M:role}``: a person from the item's cast. ``S`` marks a speaker of the
  paragraph (recorded in the ground truth), ``M`` a person merely mentioned. A suffix picks the
  form: none = short ("Councillor Bass", "Cllr Okafor", "Dr Jones"), ``+`` = long
  ("Dr Beth Jones, Director of Public Health"), ``@`` = by office ("the Cabinet Member for
  Highways", "the Head of Planning"), ``!`` = bare surname (for "Councillors Bass and Hale").
  ``{he:role}``, ``{his:role}``, ``{him:role}`` (or
  capitalised) give pronouns.

A leading ``* `` makes a bullet, ``# `` a heading, and ``(1) ``, ``1. ``, ``a) `` a numbered
paragraph whose label is kept apart from the text.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from string import Template

from .model import Para, Person, SpeakerRef

_PREFIX = re.compile(r"^(?:(\*)|(#)|(\((?:\d+|[a-z]|[ivx]+)\))|(\d+\.)|([a-z]\)))\s+")
_MARK = re.compile(r"\{(S|M|he|He|his|His|him|Him):(\w+)([+@!]?)\}")
_PRONOUNS = {"he": ("he", "she"), "his": ("his", "her"), "him": ("him", "her")}
_ROLE_OF_KIND = {"councillor": "member", "officer": "officer", "witness": "witness",
                 "public": "public"}


def typeset(text: str) -> str:
    """Typographic quotes and dashes, as Word would have left them."""
    text = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text)
    text = text.replace("'", "\u2019")
    return text.replace(" -- ", " \u2013 ")


def _at_sentence_start(before: str) -> bool:
    return not before.strip() or bool(re.search(r"[.!?][\u201d\"]?\s+$", before))


class Voice:
    """Renders the templates of one item, with a fixed cast and a seeded random source."""

    def __init__(self, rng: random.Random, cast: Mapping[str, Person], chair_word: str = "Chair"):
        self.rng = rng
        self.cast = dict(cast)
        self.chair_word = chair_word
        self.named: set[str] = set()  # codes already introduced in this item

    def name(self, person: Person, form: str, role_key: str) -> str:
        """The words naming a person, e.g. "Cllr Okafor"."""
        if form == "!":  # bare surname, for lists such as "Councillors Bass and Hale"
            return f"{person.initials} {person.surname}".strip()
        if role_key == "chair":
            return f"the {self.chair_word}"
        if person.kind == "councillor":
            if form == "@" and person.portfolio == "Leader":
                return "the Leader of the Council"
            if form == "@" and person.portfolio:
                return f"the Cabinet Member for {person.portfolio}"
            if person.initials:
                return f"Councillor {person.initials} {person.surname}"
            if form == "+":
                return f"Councillor {person.first} {person.surname}"
            roll = self.rng.random()
            if person.style == "cllr":
                return f"Cllr {person.surname}" if roll < 0.7 else f"Councillor {person.surname}"
            if roll < 0.08:
                return f"Cllr {person.surname}"
            if roll < 0.12:
                return f"Councillor {person.first} {person.surname}"
            return f"Councillor {person.surname}"
        if form == "@" and person.kind == "officer":
            return f"the {person.job}"
        if form == "+":
            if person.kind == "public":
                return f"{person.honorific} {person.surname}, {person.job}"
            if person.kind == "officer" and person.honorific != "Dr":
                return f"{person.first} {person.surname}, {person.job}"
            return f"{person.honorific} {person.first} {person.surname}, {person.job}"
        if person.kind == "officer" and person.honorific != "Dr" and self.rng.random() < 0.2:
            return f"{person.first} {person.surname}"
        return f"{person.honorific} {person.surname}"

    def para(self, template: str, slots: Mapping[str, str] | None = None) -> Para:
        """One paragraph from a template; speakers recorded in order of appearance."""
        text = Template(template).safe_substitute(slots or {})
        label, kind = "", "text"
        m = _PREFIX.match(text)
        if m:
            text = text[m.end():]
            if m.group(1):
                label, kind = "\u2022", "bullet"
            elif m.group(2):
                kind = "heading"
            else:
                label, kind = m.group(0).strip(), "numbered"
        out: list[str] = []
        speakers: list[SpeakerRef] = []
        mentions: list[str] = []
        pos = 0
        for mk in _MARK.finditer(text):
            out.append(text[pos:mk.start()])
            pos = mk.end()
            what, role_key, form = mk.groups()
            person = self.cast[role_key]
            if what.lower() in _PRONOUNS:
                word = _PRONOUNS[what.lower()][0 if person.gender == "m" else 1]
                out.append(word.capitalize() if what[0].isupper() else word)
                continue
            words = self.name(person, form, role_key)
            if _at_sentence_start("".join(out)):
                words = words[0].upper() + words[1:]
            out.append(words)
            written = words.split(", ")[0]
            if what == "S":
                role = "chair" if role_key == "chair" else _ROLE_OF_KIND[person.kind]
                if not any(s.person_key == person.key for s in speakers):
                    speakers.append(SpeakerRef(typeset(written), person.key, role))
            elif person.key not in mentions:
                mentions.append(person.key)
        out.append(text[pos:])
        final = typeset(re.sub(r"\s+", " ", "".join(out)).strip())
        mentions = [k for k in mentions if all(s.person_key != k for s in speakers)]
        return Para(final, label, kind, tuple(speakers), tuple(mentions))

    def paras(self, templates: list[str] | tuple[str, ...],
              slots: Mapping[str, str] | None = None) -> tuple[Para, ...]:
        return tuple(self.para(t, slots) for t in templates if t)
