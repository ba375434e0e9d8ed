"""End to end in headless Chromium: overview -> article -> claim -> actor.

Drives the system's /usr/bin/chromium through its chromedriver (Debian
packages chromium and chromium-driver, which .ci/run installs); no browser
is downloaded. Outside CI the test skips when they are missing; in CI
(CI=true) a missing browser fails it.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time

import pytest

pytest.importorskip("starlette")

from link_corpus import wire_corpus  # noqa: E402
from store_helpers import sample_analysis  # noqa: E402
from test_link_claims import engineer_says, mayor_says, residents_deny  # noqa: E402

from sayso.link.persist import update_links  # noqa: E402
from sayso.store import Store  # noqa: E402

CHROMIUM, DRIVER = "/usr/bin/chromium", shutil.which("chromedriver") or "/usr/bin/chromedriver"


def _browser_missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed"
    for path in (CHROMIUM, DRIVER):
        if not os.path.exists(path):
            return f"{path} is missing (apt-get install chromium chromium-driver)"
    return None


@pytest.fixture(scope="module")
def server():
    import uvicorn

    from sayso.web.app import create_app
    store = Store(":memory:")
    store.put_many([sample_analysis(), *wire_corpus(), mayor_says(), engineer_says(),
                    residents_deny()])
    update_links(store)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    server = uvicorn.Server(uvicorn.Config(create_app(store), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    missing = _browser_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"end-to-end tests need a browser in CI: {missing}")
        pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-dev-shm-usage", "--window-size=1300,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.implicitly_wait(2)
    yield driver
    driver.quit()


def _wait(condition, seconds: float = 10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the page")


def test_overview_to_article_to_claim_to_actor(server, browser):
    from selenium.webdriver.common.by import By
    browser.get(server + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Corpus"
    browser.find_element(By.PARTIAL_LINK_TEXT, "Morning Ledger report").click()

    # the article: labelled spans, lit together when pointed at
    _wait(lambda: "/documents/berg" in browser.current_url)
    labels = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#text .label")]
    # q1's three parts, and the own-voice sentence "Flood barriers were tested on Monday."
    assert labels == ["Q1 SOURCE", "Q1 CUE", "Q1 ASSERTS", "S1 OWN VOICE"]
    from selenium.webdriver import ActionChains
    source = browser.find_element(By.CSS_SELECTOR, '#text .hl-source[data-q="q1"]')
    ActionChains(browser).move_to_element(source).perform()
    lit = browser.find_elements(By.CSS_SELECTOR, '#text .lit[data-q~="q1"]')
    assert {e.get_attribute("class").split()[0] for e in lit} >= {"hl-source", "hl-cue",
                                                                   "hl-content"}

    # its statement's claim: the chain of custody renders in Cytoscape
    browser.find_element(By.CSS_SELECTOR, 'tr#q1 a[href^="/claims/"]').click()
    _wait(lambda: "/claims/" in browser.current_url)
    rendered = _wait(lambda: browser.find_element(By.ID, "graph").get_attribute(
        "data-rendered"))
    assert int(rendered) >= 2
    assert browser.find_elements(By.CSS_SELECTOR, "#graph canvas")
    nodes = browser.execute_script(
        "return window.saysoGraph.nodes().map(n => n.data('label'))")
    assert "Tomas Berg" in nodes and any("Morning Ledger" in label for label in nodes)

    # and the source's actor page
    browser.find_element(By.CSS_SELECTOR, 'table.members a[href="/actors/Tomas%20Berg"]').click()
    _wait(lambda: "/actors/" in browser.current_url)
    assert browser.find_element(By.CSS_SELECTOR, "h1.actor-name").text == "Tomas Berg"
    assert "fully inspected in March" in browser.find_element(
        By.CSS_SELECTOR, "table.said").text


def test_events_and_every_role_are_highlighted(server, browser):
    from selenium.webdriver.common.by import By
    browser.get(server + "/documents/d1")
    labels = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#text .label")]
    assert {"Q1 SOURCE", "Q1 CUE", "Q2 DENIES", "E1 ACCUSE"} <= set(labels)
    event = browser.find_element(By.CSS_SELECTOR, "#text .hl-event")
    assert event.text == "accused" and event.value_of_css_property("outline-style") == "solid"


def test_clicking_a_graph_node_opens_it(server, browser):
    from selenium.webdriver.common.by import By
    browser.get(server + "/claims?about=forty+million")
    browser.find_element(By.PARTIAL_LINK_TEXT, "forty million").click()
    _wait(lambda: browser.find_element(By.ID, "graph").get_attribute("data-rendered"))
    browser.execute_script("window.saysoGraph.nodes('.source')[0].emit('tap')")
    _wait(lambda: "/actors/" in browser.current_url)
    assert browser.find_element(By.CSS_SELECTOR, "h1.actor-name").text == "Mara Lindqvist"
