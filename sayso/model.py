"""The output contract `sayso.analysis/1` as frozen dataclasses.

Every record holds character offsets into ``Document.text`` and plain
strings, never spaCy objects, so an `Analysis` can be serialised, stored and
read back without a model. ``to_dict()`` gives the exact JSON shape of
``shared/CONTRACT.md``; ``from_dict()`` reads it back (round-trip tested).
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

SCHEMA = "sayso.analysis/1"

Span = tuple[int, int]

ACTOR_KINDS = ("person", "organization", "country", "group", "outlet",
               "location", "anonymous", "author")
ATTRIBUTION_FORMS = ("direct", "indirect", "mixed", "according_to", "unsourced")
SOURCE_KINDS = ("named", "anonymous", "organization", "outlet", "document", "author")
STANCES = ("asserts", "denies", "disputes", "questions")
CHANNEL_ROLES = ("interview", "report", "translation", "publication",
                 "statement", "document")
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID",
                "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
                "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT")
MODALITIES = ("asserted", "reported", "hedged", "denied", "negated", "hypothetical")
BOILERPLATE_KINDS = ("promo", "caption", "credit", "share", "byline",
                     "dateline", "copyright", "origin", "navigation")


def _plain(value: Any) -> Any:
    """Turn dataclasses and tuples into JSON-ready dicts and lists."""
    if is_dataclass(value):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _span(value: Any) -> Span:
    start, end = value
    return (int(start), int(end))


def _optional(cls: Any, value: Any) -> Any:
    return None if value is None else cls.from_dict(value)


class _Record:
    """Shared ``to_dict`` for the contract's records: fields in declared order."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}


@dataclass(frozen=True)
class Boilerplate(_Record):
    kind: str
    span: Span

    @classmethod
    def from_dict(cls, data: dict) -> Boilerplate:
        return cls(kind=data["kind"], span=_span(data["span"]))


@dataclass(frozen=True)
class Document(_Record):
    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    lang: str = "en"
    sha256: str = ""
    boilerplate: tuple[Boilerplate, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        keys = ("id", "title", "outlet", "url", "published", "author", "lang",
                "sha256", "text", "boilerplate")
        return {key: _plain(getattr(self, key)) for key in keys}

    @classmethod
    def from_dict(cls, data: dict) -> Document:
        return cls(
            id=data["id"], text=data["text"], title=data.get("title"),
            outlet=data.get("outlet"), url=data.get("url"),
            published=data.get("published"), author=data.get("author"),
            lang=data.get("lang") or "en", sha256=data.get("sha256") or "",
            boilerplate=tuple(Boilerplate.from_dict(b)
                              for b in data.get("boilerplate") or ()),
        )


@dataclass(frozen=True)
class Actor(_Record):
    id: str
    name: str
    kind: str
    title: str | None = None
    role: str | None = None
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    codes: dict[str, str] = field(default_factory=dict)
    mentions: tuple[Span, ...] = ()

    @classmethod
    def from_dict(cls, data: dict) -> Actor:
        return cls(
            id=data["id"], name=data["name"], kind=data["kind"],
            title=data.get("title"), role=data.get("role"),
            affiliation=data.get("affiliation"),
            aliases=tuple(data.get("aliases") or ()),
            codes=dict(data.get("codes") or {}),
            mentions=tuple(_span(m) for m in data.get("mentions") or ()),
        )


@dataclass(frozen=True)
class Source(_Record):
    text: str
    span: Span
    actor: str | None = None
    kind: str = "named"

    @classmethod
    def from_dict(cls, data: dict) -> Source:
        return cls(text=data["text"], span=_span(data["span"]),
                   actor=data.get("actor"), kind=data.get("kind") or "named")


@dataclass(frozen=True)
class Cue(_Record):
    text: str
    lemma: str
    span: Span

    @classmethod
    def from_dict(cls, data: dict) -> Cue:
        return cls(text=data["text"], lemma=data["lemma"], span=_span(data["span"]))


@dataclass(frozen=True)
class Content(_Record):
    text: str
    spans: tuple[Span, ...]

    @classmethod
    def from_dict(cls, data: dict) -> Content:
        return cls(text=data["text"],
                   spans=tuple(_span(s) for s in data.get("spans") or ()))


@dataclass(frozen=True)
class Channel(_Record):
    """One hop a statement travelled through: an interview, a translation ..."""

    text: str
    span: Span
    role: str
    actor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "text": self.text,
                "span": list(self.span), "role": self.role}

    @classmethod
    def from_dict(cls, data: dict) -> Channel:
        return cls(text=data["text"], span=_span(data["span"]),
                   role=data["role"], actor=data.get("actor"))


@dataclass(frozen=True)
class Attribution(_Record):
    id: str
    form: str
    source: Source | None
    cue: Cue | None
    content: Content
    stance: str = "asserts"
    hedged: bool = False
    via: tuple[Channel, ...] = ()
    parent: str | None = None

    @classmethod
    def from_dict(cls, data: dict) -> Attribution:
        return cls(
            id=data["id"], form=data["form"],
            source=_optional(Source, data.get("source")),
            cue=_optional(Cue, data.get("cue")),
            content=Content.from_dict(data["content"]),
            stance=data.get("stance") or "asserts",
            hedged=bool(data.get("hedged")),
            via=tuple(Channel.from_dict(c) for c in data.get("via") or ()),
            parent=data.get("parent"),
        )


@dataclass(frozen=True)
class Trigger(_Record):
    text: str
    span: Span

    @classmethod
    def from_dict(cls, data: dict) -> Trigger:
        return cls(text=data["text"], span=_span(data["span"]))


@dataclass(frozen=True)
class Participant(_Record):
    """An event's actor or target: the text in the sentence and its actor id."""

    text: str
    span: Span
    actor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "text": self.text, "span": list(self.span)}

    @classmethod
    def from_dict(cls, data: dict) -> Participant:
        return cls(text=data["text"], span=_span(data["span"]),
                   actor=data.get("actor"))


@dataclass(frozen=True)
class Event(_Record):
    id: str
    type: str
    trigger: Trigger
    sentence: Span
    modality: str
    mode: str | None = None
    cameo: str | None = None
    actor: Participant | None = None
    target: Participant | None = None
    attribution: str | None = None

    def to_dict(self) -> dict[str, Any]:
        keys = ("id", "type", "mode", "cameo", "trigger", "actor", "target",
                "sentence", "attribution", "modality")
        return {key: _plain(getattr(self, key)) for key in keys}

    @classmethod
    def from_dict(cls, data: dict) -> Event:
        return cls(
            id=data["id"], type=data["type"],
            trigger=Trigger.from_dict(data["trigger"]),
            sentence=_span(data["sentence"]), modality=data["modality"],
            mode=data.get("mode"), cameo=data.get("cameo"),
            actor=_optional(Participant, data.get("actor")),
            target=_optional(Participant, data.get("target")),
            attribution=data.get("attribution"),
        )


@dataclass(frozen=True)
class Analysis(_Record):
    """Everything sayso says about one document."""

    document: Document
    actors: tuple[Actor, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    events: tuple[Event, ...] = ()
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        return {"schema": self.schema, "document": self.document.to_dict(),
                "actors": _plain(self.actors),
                "attributions": _plain(self.attributions),
                "events": _plain(self.events)}

    @classmethod
    def from_dict(cls, data: dict) -> Analysis:
        return cls(
            schema=data.get("schema") or SCHEMA,
            document=Document.from_dict(data["document"]),
            actors=tuple(Actor.from_dict(a) for a in data.get("actors") or ()),
            attributions=tuple(Attribution.from_dict(a)
                               for a in data.get("attributions") or ()),
            events=tuple(Event.from_dict(e) for e in data.get("events") or ()),
        )

    def actor(self, actor_id: str | None) -> Actor | None:
        """The actor with this id, or None."""
        return next((a for a in self.actors if a.id == actor_id), None)


@dataclass(frozen=True)
class Failure:
    """An input or document that could not be processed; the batch goes on.

    Not part of the contract: the CLI prints it as one line on stderr and the
    store keeps it in quarantine.
    """

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"
