"""RSS and Atom feeds saved to disk: each item becomes an article."""
from __future__ import annotations

from pathlib import Path

import pytest

from sayso.model import Document, Failure
from sayso.read import read_paths
from sayso.read.blocks import fragment_paragraphs

FIXTURES = Path(__file__).parent / "fixtures" / "read"


def test_rss_items_become_articles():
    path = FIXTURES / "feed.rss"
    items = list(read_paths([str(path)]))
    bridge, prize, empty = items
    assert bridge.id == "https://valleynews.example/?p=101"
    assert bridge.text == ("Bridge reopens after repairs\n\n"
                           "The old stone bridge over the Alder reopened on Thursday "
                           "after six months of repairs.\n\n"
                           "\"It is good to have it back,\" said one shop owner.")
    assert (bridge.title, bridge.outlet, bridge.author, bridge.published, bridge.url) == (
        "Bridge reopens after repairs", "Valley News", "Sam Whitfield",
        "2024-03-14T10:30:00Z", "https://valleynews.example/bridge-reopens")
    assert prize.id == "https://valleynews.example/science-prize"
    assert prize.text.endswith("won the regional science prize for a project on river water.")
    assert isinstance(empty, Failure)
    assert str(empty) == f"{path}#item3: feed item has no content or summary"


def test_atom_entries_become_articles():
    [entry] = list(read_paths([str(FIXTURES / "feed.atom")]))
    assert isinstance(entry, Document)
    assert (entry.id, entry.outlet, entry.author, entry.published) == (
        "urn:uuid:landslide-1", "Hill Gazette", "Priya Nair", "2024-03-15T07:45:00Z")
    assert entry.text == ("Road closed by landslide\n\nA landslide closed the mountain road "
                          "near Kestrel Pass early on Friday, police said.\n\nNo one was hurt.")


@pytest.mark.parametrize("name,data", [
    ("sitemap.xml", (FIXTURES / "sitemap.xml").read_bytes()),
    ("notes.rss", b"Just some words, not XML at all."),
])
def test_a_file_that_is_no_feed_fails(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    [failure] = list(read_paths([str(path)]))
    assert isinstance(failure, Failure)
    assert str(failure).startswith(f"{path}: not an RSS or Atom feed")
    assert "\n" not in str(failure)


def test_a_malformed_feed_yields_its_items_then_fails(tmp_path):
    path = tmp_path / "cut.atom"
    whole = (FIXTURES / "feed.atom").read_text(encoding="utf-8")
    path.write_text(whole[: whole.index("</entry>")] + "</entry><entry><title>Cut",
                    encoding="utf-8")
    items = list(read_paths([str(path)]))
    assert items[0].id == "urn:uuid:landslide-1"
    assert str(items[-1]).startswith(f"{path}: malformed feed XML, read the items before")


@pytest.mark.parametrize("markup,paragraphs", [
    ("Plain summary text.", ["Plain summary text."]),
    ("<p>One.</p><p>Two <b>bold</b>!</p>", ["One.", "Two bold!"]),
    ("Intro<p>Para</p>tail", ["Intro", "Para", "tail"]),
    ("<p>Kept</p><div class='share'><p>Share this</p></div><script>x()</script>", ["Kept"]),
    ("Line one<br>line two", ["Line one line two"]),
])
def test_fragment_paragraphs(markup, paragraphs):
    assert fragment_paragraphs(markup) == paragraphs
