from sayso import analyze
from sayso.model import Analysis
from sayso.schema import validate


def test_analysis_round_trips_through_dict():
    analysis = analyze("Officials said on Monday that talks had failed.\n",
                       doc_id="d1", outlet="Example Times")
    data = analysis.to_dict()
    validate(data)
    assert Analysis.from_dict(data) == analysis
    assert Analysis.from_dict(data).to_dict() == data


def test_document_text_is_kept_verbatim():
    text = "  Headline without stop\n\nBody text.  \r\n"
    analysis = analyze(text)
    assert analysis.document.text == text
    assert analysis.document.outlet is None
