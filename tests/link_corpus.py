"""Hand-written fixture articles for the linking tests (fictional events).

`wire_corpus()` gives one wire story syndicated to 20 outlets with light
edits, plus five unrelated stories published on the same days.
"""
from __future__ import annotations

from sayso.model import (Actor, Analysis, Attribution, Channel, Content, Cue,
                         Document, Event, Source, Trigger)

WIRE_TITLE = "Dock strike halts cargo at Port Halvard for a third day"
WIRE_PARAGRAPHS = [
    "Cargo handling at Port Halvard stopped for a third straight day on Tuesday "
    "as crane operators and dock workers extended their strike over night-shift "
    "pay and the planned automation of two container terminals.",
    "Harbour authority chief Mara Lindqvist said the strike had cost the port "
    "forty million euros in lost cargo fees since Sunday.",
    "Dozens of container ships waited at anchor outside the breakwater, and "
    "freight companies began diverting vessels to the smaller ports of Ostra "
    "and Veldby, where warehouses were already close to full.",
    "The dockers' union, which represents about 3,200 workers, wants the "
    "automation plan shelved until a retraining fund is agreed and insists "
    "that night shifts be paid at double the daytime rate.",
    "Talks between the union and the harbour authority are due to resume on "
    "Thursday under a mediator appointed by the regional labour court, the "
    "first formal negotiations since the walkout began.",
    "Retailers warned that shelves could empty of imported fruit and "
    "electronics within a week if the ships stay at anchor, and several "
    "supermarket chains said they had started rationing bananas.",
]
WIRE_CLAIM = ("the strike had cost the port forty million euros in lost cargo "
              "fees since Sunday")

UNRELATED = [
    ("Orchestra cancels winter season after fire at concert hall",
     "The Northgate Philharmonic cancelled its entire winter season on Monday after "
     "an electrical fire gutted the rehearsal rooms and damaged the organ of the "
     "city's concert hall. Firefighters needed four hours to bring the blaze under "
     "control, and nobody was hurt. The orchestra's director said ticket holders "
     "would be refunded in full and that the musicians would give free chamber "
     "concerts in schools and libraries until the building is repaired, which "
     "engineers expect to take at least eighteen months."),
    ("Record wheat harvest pushes grain prices to five-year low",
     "Farmers across the southern plains brought in the largest wheat harvest in "
     "two decades this summer, and wholesale grain prices fell to their lowest "
     "level in five years. Agronomists credited a mild spring and late rains. "
     "Millers welcomed the cheaper flour, but smallholders said the price of "
     "diesel and fertiliser meant many of them would still lose money on every "
     "tonne they sold, and cooperatives asked the agriculture ministry for "
     "storage subsidies so that grain could be held back until prices recover."),
    ("Rare lynx kittens filmed in mountain reserve",
     "Rangers in the Kessel mountain reserve have filmed a female lynx with three "
     "kittens, the first confirmed breeding of the cats in the park in almost "
     "forty years. Motion-triggered cameras set up along a ridge trail recorded "
     "the family over several nights in late spring. Biologists said the "
     "sighting showed that the wildlife corridor opened across the valley "
     "motorway was working, and they plan to fit the mother with a tracking "
     "collar next winter if she can be trapped safely."),
    ("City council approves tram line to the airport",
     "After six years of debate the city council voted thirty-one to nineteen on "
     "Wednesday to build a light-rail line from the central station to the "
     "airport. The line will have eleven stops, run every six minutes at peak "
     "times and cost an estimated 640 million euros, most of it from national "
     "transport funds. Opposition councillors argued that express buses would "
     "serve travellers as well at a fraction of the price, and shop owners on "
     "the route demanded compensation for years of construction work."),
    ("University team unveils solar-powered water purifier",
     "Engineers at the technical university presented a suitcase-sized water "
     "purifier that runs on a folding solar panel and can clean about two "
     "hundred litres of river water a day. The device uses ultraviolet lamps "
     "and a ceramic filter and needs no replacement cartridges. The team tested "
     "prototypes in three villages over the dry season and said they hoped to "
     "license the design to a manufacturer so that relief agencies could buy "
     "it for less than four hundred euros."),
]


def span_of(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return (start, start + len(part))


def attribution(text: str, att_id: str, source: str | None, cue: str, content: str,
                *, stance: str = "asserts", actor: str | None = None,
                kind: str = "named", via: tuple[Channel, ...] = ()) -> Attribution:
    """An attribution located in `text` by its source, cue and content strings."""
    return Attribution(
        id=att_id, form="indirect" if source else "unsourced",
        source=Source(source, span_of(text, source), actor, kind) if source else None,
        cue=Cue(cue, cue, span_of(text, cue)),
        content=Content(content, (span_of(text, content),)),
        stance=stance, via=via)


def wire_copy(number: int) -> Analysis:
    """Copy `number` of the wire story (0 is the wire's own), lightly edited."""
    paragraphs = list(WIRE_PARAGRAPHS)
    if number % 3 == 1:
        paragraphs.pop()
    if number % 4 == 2:
        paragraphs[2] = paragraphs[2].replace("Dozens of", "Several dozen")
    if number:
        paragraphs[0] = f"HALVARD (Northwire) — {paragraphs[0]}"
    text = "\n\n".join(paragraphs)
    outlet = "Northwire" if number == 0 else f"Outlet {number}"
    document = Document(id=f"wire-{number:02d}", text=text, title=WIRE_TITLE,
                        outlet=outlet, published=f"2031-03-{4 + number % 2:02d}")
    actor = Actor("a1", "Mara Lindqvist", "person",
                  mentions=(span_of(text, "Mara Lindqvist"),))
    quote = attribution(text, "q1", "Mara Lindqvist", "said", WIRE_CLAIM, actor="a1")
    return Analysis(document=document, actors=(actor,), attributions=(quote,))


def unrelated(number: int) -> Analysis:
    title, text = UNRELATED[number]
    document = Document(id=f"other-{number}", text=text, title=title,
                        outlet=f"Paper {number}", published="2031-03-04")
    return Analysis(document=document)


def wire_corpus() -> list[Analysis]:
    return [wire_copy(n) for n in range(21)] + [unrelated(n) for n in range(5)]


def own_voice_event(text: str, sentence: str, event_id: str = "e1") -> Event:
    """An ASSAULT event narrated in the article's own voice."""
    return Event(id=event_id, type="ASSAULT", trigger=Trigger("shelled", span_of(text, "shelled")),
                 sentence=span_of(text, sentence), modality="asserted")
