"""Deciding what kind of actor a mention names, from the strongest evidence
down: listed outlets and aliases, context cues ("the daily X", "X
reported"), a title before the name, organisation name patterns, the
Phoenix tables, and last the spaCy label."""
from __future__ import annotations

import re

from . import lexicon, phoenix
from .candidates import Mention

GROUP_CODES = ("REB", "UAF", "INS", "IMG", "SEP", "RAD")
ORGANIZATION_CODES = ("IGO", "NGO", "MNC")
APPOSITION_START = re.compile(
    r",\s+((?:a|an|the|[A-Z][\w-]*['’]s?)\s+(?:[\w-]+\s+){0,2}[\w-]+)"
    r"(?=\s*[,.;]|\s+(?:of|for|in|at)\b)")
LAST_CAPITALISED = re.compile(r"\s[A-Z][\w-]*\s*$")
ACTS_AS_PERSON = re.compile(r"(?:\s*,\s*who\b|\s+(?:said|says|told|added|explained|"
                            r"stated|insisted|argued|recalled)\b)")
SERVED_BODY = re.compile(r"(?:\s+(?:of|for|at|in)\s+[^,;.()]{1,60})?,\s*$")
LABEL_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "location",
               "LOC": "location", "FAC": "location"}


def mention_kind(text: str, mention: Mention) -> str | None:
    """The actor kind of a named mention, or None when it names no actor
    (a nationality word, an unknown NORP)."""
    name = text[mention.start:mention.end]
    if mention.known:
        return mention.known.kind
    if mention.label == "NORP" and not mention.entry:
        return None
    if is_outlet_by_context(text, mention):
        return "outlet"
    if (mention.source == "title" or has_title_before(text, mention.start)
            or (not mention.entry and role_in_apposition(text, mention.end))
            or (not mention.entry and role_of_body_before(text, mention.start))):
        return "person"
    if (not mention.entry and mention.label in ("GPE", "LOC", "FAC")
            and ACTS_AS_PERSON.match(text, mention.end)):
        return "person"
    if not mention.entry and _place_cue_before(text, mention.start):
        return "location"
    pattern_kind = lexicon.org_kind(name)
    if pattern_kind:
        return pattern_kind
    if mention.entry:
        return _phoenix_kind(mention)
    return LABEL_KINDS.get(mention.label or "")


def _phoenix_kind(mention: Mention) -> str | None:
    entry = mention.entry
    if entry.kind in ("country", "place"):
        if mention.label == "NORP":
            return None
        return "country" if entry.kind == "country" else "location"
    code = entry.code
    if mention.label == "PERSON":
        return "person"
    if mention.label in ("GPE", "LOC", "FAC") and not _names_a_body(code):
        return "location"
    if code.startswith(ORGANIZATION_CODES):
        return "organization"
    if code.endswith("MED"):
        return "outlet"
    if any(part in code for part in GROUP_CODES):
        return "group"
    return "organization"


def _names_a_body(code: str) -> bool:
    """Whether a code is a body's: international, armed, or a state's agency
    ("USAMIL"; not a region such as "PSEGZA")."""
    return (code.startswith(ORGANIZATION_CODES) or any(p in code for p in GROUP_CODES)
            or code[3:6] in phoenix.agent_codes())


def is_outlet_by_context(text: str, mention: Mention) -> bool:
    """"the Saudi news site Elaph", "told Elaph", "Elaph reported": an
    unknown name next to an outlet cue (a weak cue not for a person's name)."""
    if mention.entry:
        return False
    before = LAST_CAPITALISED.sub("", text[max(0, mention.start - 40):mention.start])
    before = before.rstrip().lower()
    after = text[mention.end:mention.end + 30].lower()
    if after[:1] not in (" ", "'", "’"):
        after = ""
    cues = [value for cue, value in lexicon.cues("outlet_before").items()
            if before.endswith(cue)]
    cues += [value for cue, value in lexicon.cues("outlet_after").items()
             if after.lstrip().startswith(cue)]
    return "strong" in cues or ("weak" in cues and mention.label != "PERSON")


def _place_cue_before(text: str, start: int) -> bool:
    before = text[max(0, start - 30):start].rstrip().lower()
    return any(before.endswith(cue) for cue in lexicon.cues("location_before"))


def role_in_apposition(text: str, end: int) -> bool:
    """"Aleksandr Lukashevich, Russia's foreign minister, said": after the
    name's comma, a short noun phrase whose head is a role."""
    found = APPOSITION_START.match(text, end)
    if not found:
        return False
    phrase = found.group(1)
    return any(role.end() == len(phrase) for role in lexicon.title_pattern().finditer(phrase))


def role_of_body_before(text: str, start: int) -> bool:
    """"The chairman of the port board, Ivo Sanft": a role, its body and a
    comma right before the name."""
    before = text[max(0, start - 100):start]
    for role in lexicon.title_pattern().finditer(before):
        kind = lexicon.titles()[role.group().lower()].type
        if kind == "role" and SERVED_BODY.fullmatch(before, role.end()):
            return True
    return False


def has_title_before(text: str, start: int) -> bool:
    """Whether a title or role word ends right before this position."""
    return bool(lexicon.title_before_pattern().search(text[max(0, start - 40):start]))
