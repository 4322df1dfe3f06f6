"""``TimeZone``: an IANA name the zone database knows, or a 422 saying what to send."""

import pytest
from pydantic import TypeAdapter, ValidationError

from servicekit.zones import TimeZone

ZONE = TypeAdapter(TimeZone)


def test_a_known_zone_is_kept_as_sent() -> None:
    assert ZONE.validate_python("Asia/Shanghai") == "Asia/Shanghai"


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "../etc/passwd", ""])
def test_an_unknown_zone_is_refused_with_an_example(name: str) -> None:
    with pytest.raises(ValidationError, match="is not an IANA time zone; use a name such as"):
        ZONE.validate_python(name)


def test_a_name_longer_than_any_zone_is_refused_before_lookup() -> None:
    with pytest.raises(ValidationError, match="at most 64 characters"):
        ZONE.validate_python("A" * 65)
