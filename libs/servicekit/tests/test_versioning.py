"""If-Match / ETag optimistic concurrency."""

import pytest

from servicekit.errors import PreconditionFailed
from servicekit.versioning import check_if_match, etag


def test_etag_is_the_quoted_version() -> None:
    assert etag(3) == '"3"'


@pytest.mark.parametrize(
    "if_match",
    [None, "*", " * ", '"3"', "3", 'W/"3"', '"2", "3"', '"3","4"', ' W/"1" , "3" '],
)
def test_matching_or_absent_if_match_passes(if_match: str | None) -> None:
    check_if_match(if_match, 3)


@pytest.mark.parametrize("if_match", ['"2"', "2", 'W/"2"', '"1", "2"', '"33"', '""', ""])
def test_stale_if_match_is_412_with_the_current_version(if_match: str) -> None:
    with pytest.raises(PreconditionFailed) as raised:
        check_if_match(if_match, 3)
    assert raised.value.status == 412
    assert raised.value.extra == {"current_version": 3}
    assert "version 3" in raised.value.detail
