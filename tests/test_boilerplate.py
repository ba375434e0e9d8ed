"""Every boilerplate pattern: lines it must mark, real sentences it must not."""
from __future__ import annotations

import pytest

from sayso.read import read_text
from sayso.read.boilerplate import boilerplate_patterns, find_boilerplate, matching_pattern

# name -> (lines the pattern must match, near-miss lines no pattern may match)
CASES = {
    "read_more": (["READ MORE: Why the port matters", "Read more: Flood map",
                   "Watch: The storm arrives"],
                  ["Read the full statement, the minister told reporters.",
                   "Readers were asked: what comes next?"]),
    "read_double_space": (["Read  Why is the harbour so crowded?"],
                          ["Read why the court ruled as it did in the judgment."]),
    "read_question": (["Read How did the fire start?"],
                      ["Read how the fire started in the official report."]),
    "related": (["Related: Union votes on new contract", "See also: Port strike timeline",
                 "RELATED STORIES: Floods"],
                ["Related reports suggested that the talks had stalled."]),
    "click_here": (["Click here to read the full report"],
                   ["Officials said a click here and there would not hurt."]),
    "share_line": (["Share this article", "Share on Facebook", "Tweet", "Print this page"],
                   ["Share prices fell 3% on Monday.",
                    "Email records show the minister knew of the plan."]),
    "newsletter": (["Sign up for our newsletter", "Subscribe to get updates in your inbox"],
                   ["Subscribers complained about the price rise.",
                    "Sign up rates for the army fell by a third, officials said."]),
    "follow_us": (["Follow us on Twitter", "Follow @valleynews on Instagram for more"],
                  ["Police follow up on every report, the chief said."]),
    "photo_label": (["Photo: Coastline Wire", "Image credit: AFP", "PHOTOS | Reuters"],
                    ["Photographs of the site showed heavy damage.",
                     "The photo was taken on Friday, the agency said."]),
    "agency_credit": (["(Jane Doe/Coastline Wire)", "(John Smith/Reuters)"],
                      ["(Reuters) - Troops pulled back on Monday.",
                       "The vote (held on Friday) was close."]),
    "photo_paren": (["(Photo: Ana Berg/Coastline Wire)", "(Photos: city council)"],
                    ["(Photo taken on Friday.)", "(Reuters) - Troops pulled back."]),
    "photo_paren_ending": (["Farmers at the river bank. (Photo: Ana Berg/Valley Press)"],
                           ["The photo (taken on Friday) shows the bank.",
                            "(Photo: Ana Berg/Valley Press) Farmers at the bank."]),
    "photo_by": (["Photo by Tom Reed", "Images courtesy of the city council"],
                 ["Photos by the agency showed the damage on Friday."]),
    "photo_licence": (["Photo of the bridge by Flickr user Kes, used under a Creative "
                       "Commons license", "Picture of the crash site, public domain."],
                      ["The picture is not as clear as officials claim."]),
    "originally_appeared": (["This article originally appeared in The Coastal Ledger.",
                             "A version of this story first appeared in the Ledger",
                             "This post was first published on Medium."],
                            ["This article of the constitution dates from 1948."]),
    "copyright": (["© 2024 Coastline Wire", "Copyright 2023 The Ledger. All rights reserved.",
                   "(c) Valley News"],
                  ["Copyright law was changed in 2019, the minister said."]),
    "all_rights_reserved": (["All rights reserved."],
                            ["All rights reserved for members, the club said."]),
    "byline": (["By Maria Okafor", "By Jane Doe and Tom Reed"],
               ["By Tuesday, the talks had collapsed.", "By Monday", "by the river"]),
}


def test_every_pattern_in_the_data_file_has_cases():
    assert {p.name for p in boilerplate_patterns()} == set(CASES)


@pytest.mark.parametrize("name,line", [(n, line) for n, (must, _) in CASES.items()
                                       for line in must])
def test_pattern_marks_its_lines(name, line):
    pattern = matching_pattern(line)
    assert pattern is not None and pattern.name == name


@pytest.mark.parametrize("line", [line for _, (_, must_not) in CASES.items()
                                  for line in must_not])
def test_real_sentences_are_not_marked(line):
    assert matching_pattern(line) is None


def test_spans_cover_the_stripped_line_and_keep_text():
    text = "The vote was close.\n  READ MORE: Flood map  \nThe end."
    document = read_text(text)
    assert document.text == text
    [found] = document.boilerplate
    assert found.kind == "promo"
    assert text[slice(*found.span)] == "READ MORE: Flood map"


def test_kinds_come_from_the_data_file():
    text = "Photo: AP\n(Jane Doe/Reuters)\nShare this\n© 2024 X\nBy Jane Doe"
    assert [b.kind for b in find_boilerplate(text)] == [
        "credit", "credit", "share", "copyright", "byline"]


def test_reader_spans_win_over_pattern_matches():
    from dataclasses import replace

    from sayso.model import Boilerplate
    from sayso.read.boilerplate import mark_boilerplate
    document = replace(read_text("x"), text="Photo: AP\nBody.",
                       boilerplate=(Boilerplate("caption", (0, 9)),))
    assert mark_boilerplate(document).boilerplate == (Boilerplate("caption", (0, 9)),)


def test_a_caption_ending_marks_only_its_credit():
    text = "Senator Amsel said so.\nFarmers at the bank. (Photo: Ana Berg/Valley Press)\n"
    [found] = find_boilerplate(text)
    assert found.kind == "credit"
    assert text[slice(*found.span)] == "(Photo: Ana Berg/Valley Press)"
