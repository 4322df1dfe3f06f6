"""Field types shared by community-svc's schemas."""

from typing import Annotated

from pydantic import StringConstraints

from servicekit.zones import TimeZone as TimeZone

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(max_length=20_000)]
ActorId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
