"""WARC archives: HTML 200 responses become articles, the rest is skipped."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sayso.model import Document, Failure
from sayso.read import read_paths

FIXTURES = Path(__file__).parent / "fixtures" / "read"
ARTICLE = (FIXTURES / "article.html").read_bytes()


def response(writer: WARCWriter, uri: str, body: bytes, *, status: str = "200 OK",
             content_type: str = "text/html; charset=utf-8",
             date: str = "2024-03-15T09:30:00Z"):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)],
                               protocol="HTTP/1.1")
    return writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                     http_headers=headers,
                                     warc_headers_dict={"WARC-Date": date})


UNDATED = ("<html><head><title>Ferry service resumes</title></head><body><article>"
           "<h1>Ferry service resumes</h1><p>The ferry between Port Ellis and the "
           "islands ran again on Friday after the strike, the operator said.</p><p>"
           "Passengers queued from early morning, and extra sailings were added for the "
           "weekend.</p></article></body></html>").encode()


def write_warc(path: Path, *, gzip: bool) -> None:
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        writer.write_record(writer.create_warc_record(
            "https://valleynews.example/flood", "request",
            payload=io.BytesIO(b"GET /flood HTTP/1.1\r\n\r\n")))
        writer.write_record(response(writer, "https://valleynews.example/flood", ARTICLE))
        writer.write_record(response(writer, "https://valleynews.example/logo.png",
                                     b"\x89PNG", content_type="image/png"))
        writer.write_record(response(writer, "https://valleynews.example/gone",
                                     b"<html><body>Not found</body></html>",
                                     status="404 Not Found"))
        writer.write_record(response(writer, "https://valleynews.example/ferry", UNDATED))
        writer.write_record(response(writer, "https://valleynews.example/menu",
                                     b"<html><body><nav>Home</nav></body></html>"))


@pytest.mark.parametrize("name,gzip", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_html_responses_become_articles(tmp_path, name, gzip):
    path = tmp_path / name
    write_warc(path, gzip=gzip)
    items = list(read_paths([str(path)]))
    documents = [i for i in items if isinstance(i, Document)]
    assert [d.url for d in documents] == ["https://valleynews.example/flood",
                                          "https://valleynews.example/ferry"]
    assert documents[0].id == "https://valleynews.example/flood"
    assert documents[0].title == "River flooding forces evacuations in three towns"
    assert documents[0].published == "2024-03-14"  # the page's own date first
    assert documents[1].published == "2024-03-15T09:30:00Z"  # else WARC-Date
    assert [d.outlet for d in documents] == ["Valley News", "valleynews.example"]
    assert any(b.kind == "caption" for b in documents[0].boilerplate)
    [failure] = [i for i in items if isinstance(i, Failure)]
    assert str(failure) == (f"{path} [https://valleynews.example/menu]: "
                            "no article text found in the HTML page")


def test_truncated_warc_fails_after_the_records_read(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole, gzip=True)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    for share in (0.3, 0.5, 0.75, 0.9):
        cut.write_bytes(data[: int(len(data) * share)])
        items = list(read_paths([str(cut)]))
        assert str(items[-1]).startswith(f"{cut}: truncated or corrupt WARC (read "), share
    assert isinstance(items[0], Document)


@pytest.mark.parametrize("data", [b"These are just notes, not an archive.\n",
                                  b"<html><body>A page</body></html>"])
def test_a_file_that_is_no_warc_fails(tmp_path, data):
    path = tmp_path / "notes.warc"
    path.write_bytes(data)
    [failure] = list(read_paths([str(path)]))
    assert isinstance(failure, Failure)
    assert str(failure).startswith(f"{path}: truncated or corrupt WARC (read 0 pages before it)")


def test_truncated_plain_warc_fails(tmp_path):
    path = tmp_path / "crawl.warc"
    write_warc(path, gzip=False)
    path.write_bytes(path.read_bytes()[:-300])
    assert "truncated or corrupt WARC" in str(list(read_paths([str(path)]))[-1])


def test_warc_on_stdin(tmp_path, monkeypatch):
    path = tmp_path / "crawl.warc"
    write_warc(path, gzip=False)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(path.read_bytes())))
    first = next(iter(read_paths(["-"])))
    assert first.url == "https://valleynews.example/flood"
