import uuid
from datetime import datetime
from typing import Annotated, Any, Self
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from content_svc.posts.models import MediaKind, PostStatus
from servicekit.bodies import RequestBody


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{value[:100]!r} is not an http(s) URL; give the media's full address")
    return value


def _unique_in_order(values: list[str]) -> list[str]:
    # Tags are a set to the reader; keep the writer's order, drop repeats.
    return list(dict.fromkeys(values))


Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
# The request body limit (1 MiB) is the real bound; this one keeps the schema honest.
Body = Annotated[str, StringConstraints(max_length=1_000_000)]
Summary = Annotated[str, StringConstraints(max_length=2_000)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Tags = Annotated[list[Tag], Field(max_length=30), AfterValidator(_unique_in_order)]
Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=2_000),
    AfterValidator(_http_url),
]


class MediaRef(RequestBody):
    url: Url
    kind: MediaKind
    alt: Annotated[str, StringConstraints(max_length=1_000)] | None = None


Media = Annotated[list[MediaRef], Field(max_length=50)]


class PostCreate(RequestBody):
    title: Title
    body: Body = ""
    summary: Summary = ""
    tags: Tags = Field(default_factory=list)
    media: Media = Field(default_factory=list)
    topic_id: uuid.UUID | None = None


class PostUpdate(RequestBody):
    """Every field optional; only the fields sent are changed. ``topic_id: null`` unlinks."""

    title: Title | None = None
    body: Body | None = None
    summary: Summary | None = None
    tags: Tags | None = None
    media: Media | None = None
    topic_id: uuid.UUID | None = None

    @model_validator(mode="after")
    def _no_null_content(self) -> Self:
        nulls = [
            name
            for name in self.model_fields_set
            if name != "topic_id" and getattr(self, name) is None
        ]
        if nulls:
            raise ValueError(
                f"{', '.join(sorted(nulls))} cannot be null; omit a field to leave it unchanged"
            )
        return self

    def changes(self) -> dict[str, Any]:
        """The fields sent, media as plain JSON, ready to set on the post."""
        return self.model_dump(mode="json", exclude_unset=True) | (
            {"topic_id": self.topic_id} if "topic_id" in self.model_fields_set else {}
        )


class PostTransition(RequestBody):
    to: PostStatus
    comment: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]
        | None
    ) = None


class PostRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    topic_id: uuid.UUID | None
    title: str
    body: str
    summary: str
    tags: list[str]
    media: list[MediaRef]
    author_id: str | None
    status: PostStatus
    version: int
    created_at: datetime
    updated_at: datetime


class RevisionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    post_id: uuid.UUID
    number: int
    title: str
    body: str
    summary: str
    tags: list[str]
    media: list[MediaRef]
    author_id: str | None
    created_at: datetime


class RevisionDiff(BaseModel):
    post_id: uuid.UUID
    number: int
    previous_number: int | None = Field(description="null for revision 1 (diffed against empty)")
    title_diff: str = Field(description="unified diff of the title")
    body_diff: str = Field(description="unified diff of the body")
    diff: str = Field(description="title_diff followed by body_diff")


class CommentCreate(RequestBody):
    body: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]
    # Omitted: the comment is about the latest revision.
    revision_number: Annotated[int, Field(ge=1)] | None = None


class CommentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    post_id: uuid.UUID
    revision_number: int | None
    body: str
    author_id: str | None
    transition_to: PostStatus | None
    created_at: datetime
