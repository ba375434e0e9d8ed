"""Paragraphs not in English are found, and the stages skip what they say."""
from __future__ import annotations

import pytest

import sayso
from sayso.nlp.language import foreign_paragraphs, in_foreign_paragraph, is_foreign

SPANISH = ("El presidente García dijo que los dirigentes de las comunidades son "
           "manipulados por otros países, y que no se atreve a acusar a nadie.")
PORTUGUESE = ("Falam e falam sobre o que ainda não passa de especulações, e os "
              "especialistas de plantão já estão na televisão.")
ARABIC = "قال الرئيس إن الحكومة لن تتراجع عن قرارها مهما كانت الضغوط"


@pytest.mark.parametrize("paragraph", [SPANISH, PORTUGUESE, ARABIC])
def test_prose_in_another_language_is_foreign(paragraph):
    assert is_foreign(paragraph)


@pytest.mark.parametrize("paragraph", [
    "For Eu, Você e Todo Mundo [pt], the desperate search for specialists is also a problem:",
    "Togolese blogger Rodrigue Kopgli, of Jeunesse Unie pour la Démocratie en Afrique, "
    "called Bongo one of the last dinosaurs.",
    "McCain Challenger Kelli Ward: Impeach AG Lynch, 'Stop DC at the Bathroom Door.'",
    "Iowa: Tim Albrecht, Brad Anderson, Rob Barron, Jeff Boeyink, Bonnie Campbell, Dave Caris",
    "The U.S. State Department urged North Korea to release the two women at once.",
    "Los Angeles officials said on Monday that the fires were under control.",
    "No way, he said.",
])
def test_english_with_foreign_names_stays_english(paragraph):
    assert not is_foreign(paragraph)


def test_paragraph_spans_index_the_text():
    text = f"A blogger wrote:\n\n{SPANISH}\n\nIn English, she said the president lied."
    [span] = foreign_paragraphs(text)
    assert text[span[0]:span[1]] == SPANISH
    assert in_foreign_paragraph(text, span[0]) and not in_foreign_paragraph(text, span[1] + 2)
    assert not in_foreign_paragraph(text, 0)


def test_the_stages_skip_a_paragraph_in_another_language():
    text = (f"Peruvian blogger Ana Ruiz wrote about the protests.\n\n{SPANISH}\n\n"
            "Ruiz said the government had lied about the clashes.")
    analysis = sayso.analyze(text)
    start = text.index(SPANISH)
    end = start + len(SPANISH)
    assert not [m for a in analysis.actors for m in a.mentions if start <= m[0] < end]
    assert not [a for a in analysis.attributions if start <= a.cue.span[0] < end]
    assert not [e for e in analysis.events if start <= e.trigger.span[0] < end]
    assert [a.cue.text for a in analysis.attributions] == ["wrote", "said"]
