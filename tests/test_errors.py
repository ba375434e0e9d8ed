"""sayso's exceptions survive pickling: a Dask worker sends them back to the client."""
from __future__ import annotations

import pickle

import pytest

from sayso.errors import (DecodeError, InputError, MissingExtraError, SchemaError, StoreError,
                          UsageError)


@pytest.mark.parametrize("error", [
    UsageError("--format must be json, jsonl or table"),
    InputError("feed.xml", "not an RSS or Atom feed"),
    DecodeError("a.txt", "not text in any known encoding"),
    SchemaError("attributions[0].cue: missing"),
    StoreError("corpus.duckdb: locked by another process"),
    MissingExtraError("the accurate attribution tagger", "accurate", "onnxruntime"),
])
def test_every_error_pickles_with_its_message_and_fields(error):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and str(copy) == str(error)
    assert vars(copy) == vars(error)
