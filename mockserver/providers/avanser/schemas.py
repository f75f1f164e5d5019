"""marshmallow schemas of AVANSER's query parameters (the bodies of requests and services
join them later). Error messages are the seed's terse reasons (``invalid number``)."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate


def _float(reason: str, low: float, high: float, *, min_inclusive: bool = True) -> fields.Float:
    return fields.Float(validate=validate.Range(low, high, min_inclusive=min_inclusive,
                                                error=reason),
                        error_messages={"invalid": reason, "special": reason})


class SearchQuery(Schema):
    """``GET /numbers``: the parameters of every search type (which one applies is decided
    by the backend)."""

    class Meta:
        unknown = EXCLUDE

    country = fields.String()
    location = fields.String()
    lat = _float("invalid latitude", -90, 90)
    lng = _float("invalid longitude", -180, 180)
    radius = _float("invalid radius", 0, 500, min_inclusive=False)
    number = fields.String()
    number_type = fields.String()
    szu = fields.String()


SEARCH_QUERY = SearchQuery()
