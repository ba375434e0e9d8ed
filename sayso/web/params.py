"""Checking what a request asks for: pages, sorts, filters and their sizes.

Every list takes ``page`` (from 1), ``limit`` (1 to `MAX_LIMIT`), ``sort``
(one of the list's sort keys) and ``order`` (asc or desc); a value out of
range is a 400 naming the parameter, never a full table or a 500.
"""
from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException

DEFAULT_LIMIT, MAX_LIMIT, MAX_PAGE = 25, 200, 100_000
MAX_VALUE_LENGTH = 300
MAX_QUERY_LENGTH = 4096
ORDERS = ("asc", "desc")


@dataclass(frozen=True)
class Paging:
    page: int
    limit: int
    sort: str
    order: str

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.limit

    def to_dict(self) -> dict[str, object]:
        return {"page": self.page, "limit": self.limit, "sort": self.sort,
                "order": self.order}


def bad_request(message: str) -> HTTPException:
    return HTTPException(400, message)


def integer(params: QueryParams, name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise bad_request(f"{name} must be a whole number, not {raw[:40]!r}") from None
    if not low <= value <= high:
        raise bad_request(f"{name} must be between {low} and {high}, not {value}")
    return value


def paging(params: QueryParams, sorts: tuple[str, ...], default_sort: str,
           default_order: str = "asc") -> Paging:
    """The page, limit, sort and order asked for, checked."""
    sort = params.get("sort") or default_sort
    if sort not in sorts:
        raise bad_request(f"sort must be one of {', '.join(sorts)}, not {sort[:40]!r}")
    order = params.get("order") or default_order
    if order not in ORDERS:
        raise bad_request(f"order must be asc or desc, not {order[:40]!r}")
    return Paging(page=integer(params, "page", 1, 1, MAX_PAGE),
                  limit=integer(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
                  sort=sort, order=order)


def text(params: QueryParams, name: str) -> str | None:
    """A free-text parameter, stripped; None when absent or empty."""
    value = (params.get(name) or "").strip()
    if len(value) > MAX_VALUE_LENGTH:
        raise bad_request(f"{name} is longer than {MAX_VALUE_LENGTH} characters")
    return value or None


def flag(params: QueryParams, name: str) -> bool | None:
    """A yes/no filter: 1/true/yes/on, 0/false/no/off, or absent (None)."""
    value = (params.get(name) or "").lower()
    if value in ("", "any"):
        return None
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise bad_request(f"{name} must be true or false, not {value[:40]!r}")


def day(params: QueryParams, name: str) -> str | None:
    """A date filter as YYYY-MM-DD (or a prefix: YYYY, YYYY-MM)."""
    value = text(params, name)
    if value is None:
        return None
    digits = value.replace("-", "")
    if not digits.isdigit() or len(value) not in (4, 7, 10):
        raise bad_request(f"{name} must be a date as YYYY-MM-DD, not {value[:40]!r}")
    return value
