"""Readers: plain text in any encoding, HTML, JSONL, directories, stdin."""
from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path

import pytest
import trafilatura

from sayso.model import Document, Failure
from sayso.read import read_paths
from sayso.read.blocks import normalized

FIXTURES = Path(__file__).parent / "fixtures" / "read"
DEMO_HTML = Path(__file__).resolve().parents[1] / "sayso" / "data" / "demo" / "html"
BODY = "Flood waters rose on Friday.\n\nOfficials said the river would peak tonight.\n"


def read_one(path: Path | str) -> Document | Failure:
    [item] = list(read_paths([str(path)]))
    return item


def failure_of(path: Path | str) -> str:
    item = read_one(path)
    assert isinstance(item, Failure), item
    return str(item)


# --- plain text -----------------------------------------------------------

def test_text_is_kept_verbatim_with_id_and_headline(tmp_path):
    raw = "River floods town\r\n\r\nWater rose\tfast on \u201cFriday\u201d.\r\n"
    path = tmp_path / "flood-report.txt"
    path.write_bytes(raw.encode("utf-8"))
    document = read_one(path)
    assert document.text == raw
    assert document.id == "flood-report"
    assert document.title == "River floods town"


def test_first_sentence_is_no_headline(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The river rose on Friday.\nIt fell again on Sunday.\n", encoding="utf-8")
    assert read_one(path).title is None


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""),
    ("cp1252", b""), ("latin-1", b"")])
def test_encodings_are_detected(tmp_path, encoding, prefix):
    text = "Le café « naïve » de Zürich a fermé, a déclaré le maire.\n"
    if encoding == "cp1252":
        text = "The caf\u00e9 \u201cna\u00efve\u201d owner said \u2014 it cost 5\u20ac.\n"
    path = tmp_path / "doc.txt"
    path.write_bytes(prefix + text.encode(encoding))
    assert read_one(path).text == text


@pytest.mark.parametrize("data,problem", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary file"),
    (b"\x01\x02\x03\x04" * 100, "binary file"),
    (bytes(range(128, 256)) * 8, "undecodable bytes"),
    (b"\xef\xbb\xbfHello \xff\xfe\xfd", "undecodable bytes"),
    (b"", "empty document"),
    (b"  \n\t\n", "empty document"),
])
def test_bad_text_files_fail_with_one_line(tmp_path, data, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    message = failure_of(path)
    assert message.startswith(str(path)) and problem in message and "\n" not in message


def test_missing_path_fails():
    assert failure_of("/no/such/file.txt") == "/no/such/file.txt: no such file or directory"


# --- HTML -----------------------------------------------------------------

def test_html_article_text_metadata_and_captions():
    document = read_one(FIXTURES / "article.html")
    assert document.id == "article"
    assert document.title == "River flooding forces evacuations in three towns"
    assert document.outlet == "Valley News"
    assert document.author == "Sam Whitfield"
    assert document.url == "https://valleynews.example/2024/03/14/river-flooding"
    assert document.published == "2024-03-14"
    assert document.text.startswith(document.title + "\n\nHundreds of residents")
    assert document.text.count(document.title) == 1
    assert "stay away from the riverbanks" in document.text  # a lost <div> put back
    for junk in ("Share on Facebook", "Most read", "Home", "All rights reserved"):
        assert junk not in document.text
    marked = {document.text[slice(*b.span)]: b.kind for b in document.boilerplate}
    assert marked == {"Volunteers fill sandbags in Millbrook on Thursday.": "caption",
                      "Photo: Valley News / Tom Reed": "credit"}


@pytest.mark.parametrize("page", sorted(DEMO_HTML.glob("*.html")), ids=lambda p: p.stem)
def test_demo_pages_lose_no_paragraph_trafilatura_keeps(page):
    document = read_one(page)
    ours = normalized(document.text)
    theirs = trafilatura.extract(page.read_text(encoding="utf-8"),
                                 include_comments=False) or ""
    lost = [line for line in theirs.split("\n") if normalized(line) not in ours]
    assert lost == []
    assert document.outlet == "Global Voices Online"
    assert document.title and "Global Voices" not in document.title


def test_demo_page_captions_are_marked():
    document = read_one(DEMO_HTML / "gv-2009-06-06-af447-sorrow.html")
    captions = [document.text[slice(*b.span)] for b in document.boilerplate
                if b.kind == "caption"]
    assert any(c.startswith("Picture by Mysid") for c in captions)
    assert "I think the media is perverse" in document.text  # trafilatura drops it


@pytest.mark.parametrize("markup,problem", [
    ("<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text"),
    ("<html><head><title>Empty</title></head><body></body></html>", "no article text"),
    ("<<<>>>", "no article text"),
    ("</p></div></html>", "malformed HTML: Document is empty"),
    ("<!-- only a comment -->", "malformed HTML"),
    ("   ", "empty document"),
])
def test_html_without_an_article_fails(tmp_path, markup, problem):
    path = tmp_path / "page.html"
    path.write_text(markup, encoding="utf-8")
    assert problem in failure_of(path)


def test_unclosed_tags_are_repaired(tmp_path):
    path = tmp_path / "unclosed.html"
    path.write_text("<html><body><p>Unclosed <b>bold <i>text in a paragraph long enough "
                    "to be an article body", encoding="utf-8")
    assert read_one(path).text == ("Unclosed bold text in a paragraph long enough "
                                   "to be an article body")


def test_html_declared_charset_is_used(tmp_path):
    body = "<p>" + "Le maire de Zürich a déclaré que la fête aura lieu. " * 6 + "</p>"
    markup = f"<html><head><meta charset='iso-8859-1'><title>Fête</title></head>" \
             f"<body><article>{body}</article></body></html>"
    path = tmp_path / "fete.html"
    path.write_bytes(markup.encode("iso-8859-1"))
    assert "Zürich" in read_one(path).text


# --- JSONL ----------------------------------------------------------------

def jsonl(*records: object) -> bytes:
    return b"".join((r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n"
                    for r in records)


GOOD = {"id": "d1", "text": BODY, "title": "Floods", "outlet": "Valley News",
        "url": "https://v.example/1", "published": "2024-03-14", "author": "Sam"}


def test_jsonl_documents_keep_metadata(tmp_path):
    path = tmp_path / "batch.jsonl"
    html = (FIXTURES / "article.html").read_text(encoding="utf-8")
    path.write_bytes(jsonl(GOOD, {"id": 7, "html": html, "outlet": "Given Outlet"}))
    first, second = read_paths([str(path)])
    assert first.text == BODY and first.outlet == "Valley News" and first.author == "Sam"
    assert second.id == "7" and second.outlet == "Given Outlet"
    assert second.title == "River flooding forces evacuations in three towns"


def test_bad_jsonl_lines_fail_alone(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(jsonl(GOOD, b"{not json", {"text": "no id"}, {"id": "x"},
                           b'{"id": "y", "text": "caf\xe9"}', ["a list"],
                           {"id": "d2", "text": "Last one."}))
    items = list(read_paths([str(path)]))
    assert [i.id for i in items if isinstance(i, Document)] == ["d1", "d2"]
    messages = [str(i) for i in items if isinstance(i, Failure)]
    assert messages == [
        f"{path}:2: malformed JSON (Expecting property name enclosed in double quotes "
        "at column 2)",
        f"{path}:3: record has no 'id'",
        f"{path}:4: record has no non-empty 'text' or 'html'",
        f"{path}:5: line is not valid UTF-8 (byte 24)",
        f"{path}:6: a JSONL line must be a JSON object"]


def test_jsonl_gz_and_truncated_gz(tmp_path):
    records = [{"id": f"d{n}", "text": f"Story {n}: {random.Random(n).random()}"}
               for n in range(150)]
    whole = gzip.compress(jsonl(*records))
    good, cut = tmp_path / "all.jsonl.gz", tmp_path / "cut.jsonl.gz"
    good.write_bytes(whole)
    cut.write_bytes(whole[: len(whole) // 2])
    assert len(list(read_paths([str(good)]))) == 150
    items = list(read_paths([str(cut)]))
    assert isinstance(items[0], Document)
    assert "truncated or corrupt gzip file after line" in str(items[-1])


def test_a_gz_file_that_is_not_gzip_fails(tmp_path):
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(jsonl(GOOD))
    message = failure_of(path)
    assert message.startswith(f"{path}: truncated or corrupt gzip file after line 0")


# --- directories and stdin --------------------------------------------------

def test_directory_is_read_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zed story.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Ay story.", encoding="utf-8")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    (tmp_path / "c.jsonl").write_bytes(jsonl(GOOD))
    assert [d.id for d in read_paths([str(tmp_path)])] == ["a", "z", "d1"]


def test_directory_without_documents_fails(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert "directory holds no readable documents" in failure_of(tmp_path)


@pytest.mark.parametrize("data,first_id", [
    (BODY.encode(), "stdin"),
    (jsonl(GOOD), "d1"),
    ((FIXTURES / "article.html").read_bytes(), "stdin"),
    ((FIXTURES / "feed.atom").read_bytes(), "urn:uuid:landslide-1"),
])
def test_stdin_kind_is_recognised(monkeypatch, data, first_id):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert next(iter(read_paths(["-"]))).id == first_id


@pytest.mark.parametrize("page_title,extracted,expected", [
    ("Valley News » Bridge reopens after repairs", "Valley News",
     ("Bridge reopens after repairs", "Valley News")),
    ("Bridge reopens | The Valley News and Weekly Advertiser", "Bridge reopens",
     ("Bridge reopens", None)),
    ("Bridge reopens after repairs", "Bridge reopens after repairs",
     ("Bridge reopens after repairs", None)),
])
def test_headline_and_site_from_the_page_title(page_title, extracted, expected):
    from sayso.read.blocks import parse_html
    from sayso.read.html import title_and_site
    tree = parse_html(f"<html><head><title>{page_title}</title></head><body>"
                      "<h2>Bridge reopens after repairs</h2><p>Text.</p></body></html>")
    assert title_and_site(extracted, tree) == expected


def test_recovery_puts_lost_blocks_back_in_place_and_skips_non_article_ones():
    from sayso.read.blocks import page_blocks, parse_html
    from sayso.read.recovery import recover_lost_blocks
    kept = [f"Paragraph {n} of the harbour story, long enough to anchor." for n in range(4)]
    markup = ("<html><body><div class='menu'><p>Home News Sport and Weather</p></div>"
              "<div class='post'>"
              f"<p>{kept[0]}</p><p>{kept[1]}</p>"
              "<div class='translation'>Lost translation.<p>Its second part.</p></div>"
              "<div class='social-share'>Spread the word to your friends</div>"
              f"<p>{kept[2]}</p>"
              "<div class='related_posts'><p>Five other harbour stories</p></div>"
              "<div id='comments'><p>Great plan! Posted by a reader</p></div>"
              f"<p>{kept[3]}</p><p>Lost closing line</p></div>"
              "<div class='footer-links'><p>About us and contact</p></div></body></html>")
    recovered = recover_lost_blocks(kept, page_blocks(parse_html(markup)))
    assert recovered == [kept[0], kept[1], "Lost translation.", "Its second part.",
                         kept[2], kept[3], "Lost closing line"]


def test_recovery_needs_an_article_container():
    from sayso.read.blocks import page_blocks, parse_html
    from sayso.read.recovery import recover_lost_blocks
    kept = ["First story paragraph with enough words.", "Second one, elsewhere on the page."]
    markup = (f"<html><body><div><p>{kept[0]}</p></div><p>Loose text</p>"
              f"<div><p>{kept[1]}</p></div></body></html>")
    assert recover_lost_blocks(kept, page_blocks(parse_html(markup))) == kept
