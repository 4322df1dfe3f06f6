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

from content_svc.examples import (
    BODY_DIFF,
    CHANGES_REQUESTED,
    COMMENT_ID,
    COVER,
    CREATED_AT,
    EDITED_TITLE,
    EDITOR,
    POST_BODY,
    POST_ID,
    POST_SUMMARY,
    POST_TAGS,
    POST_TITLE,
    REVIEW_COMMENT,
    REVIEWER,
    TITLE_DIFF,
    TOPIC_ID,
    UPDATED_AT,
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
    """A picture, video, audio or file the post carries, by its address (MediaOps stores no
    media itself)."""

    model_config = ConfigDict(json_schema_extra={"examples": [COVER]})

    url: Url = Field(description="The media's full http(s) address (up to 2,000 characters).")
    kind: MediaKind = Field(description="What the address points at.")
    alt: Annotated[str, StringConstraints(max_length=1_000)] | None = Field(
        None, description="Text describing it, for screen readers and platforms that show one."
    )


Media = Annotated[list[MediaRef], Field(max_length=50)]


_TITLE = "The headline (1 to 500 characters; a channel's own limit may be lower)."
_BODY = "The text, in Markdown."
_SUMMARY = "A short lead some platforms show under the title (up to 2,000 characters)."
_TAGS = "Up to 30 tags of 1 to 50 characters; repeats are dropped, the order kept."
_MEDIA = "Up to 50 media references, in the order they appear."
_TOPIC = "The topic (选题) this post was written for; null: none."
_CONTENT: dict[str, Any] = {
    "title": POST_TITLE,
    "body": POST_BODY,
    "summary": POST_SUMMARY,
    "tags": POST_TAGS,
    "media": [COVER],
}


class PostCreate(RequestBody):
    """A new post, written by the caller; it starts as a `draft` and its content is stored as
    revision 1."""

    model_config = ConfigDict(json_schema_extra={"examples": [_CONTENT | {"topic_id": TOPIC_ID}]})

    title: Title = Field(description=_TITLE)
    body: Body = Field("", description=_BODY)
    summary: Summary = Field("", description=_SUMMARY)
    tags: Tags = Field(default_factory=list, description=_TAGS)
    media: Media = Field(default_factory=list, description=_MEDIA)
    topic_id: uuid.UUID | None = Field(None, description=_TOPIC + " One of the workspace's.")


class PostUpdate(RequestBody):
    """Every field optional; only the fields sent are changed. ``topic_id: null`` unlinks.

    A change of content (title, body, summary, tags, media) stores a new revision, and sends
    an approved post back to draft.
    """

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"title": EDITED_TITLE, "tags": ["双十一", "护肤"]}]}
    )

    title: Title | None = Field(None, description=_TITLE)
    body: Body | None = Field(None, description=_BODY)
    summary: Summary | None = Field(None, description=_SUMMARY)
    tags: Tags | None = Field(None, description=_TAGS + " Replaces the list.")
    media: Media | None = Field(None, description=_MEDIA + " Replaces the list.")
    topic_id: uuid.UUID | None = Field(None, description=_TOPIC + " null unlinks it.")

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
    """A step of the review workflow, with an optional review comment."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"to": "changes_requested", "comment": CHANGES_REQUESTED}]}
    )

    to: PostStatus = Field(
        description="The status to move to: draft → in_review → approved | changes_requested; "
        "changes_requested → in_review | draft; approved → archived | draft."
    )
    comment: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]
        | None
    ) = Field(
        None,
        description="A review comment stored on the latest revision (1 to 10,000 characters).",
    )


class PostRead(BaseModel):
    """A post, its current content and where it stands in review."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {"id": POST_ID, "topic_id": TOPIC_ID}
                | _CONTENT
                | {
                    "author_id": EDITOR,
                    "status": "approved",
                    "version": 4,
                    "created_at": CREATED_AT,
                    "updated_at": UPDATED_AT,
                }
            ]
        },
    )

    id: uuid.UUID = Field(description="The post's id, set by MediaOps.")
    topic_id: uuid.UUID | None = Field(description=_TOPIC)
    title: str = Field(description="The headline.")
    body: str = Field(description=_BODY)
    summary: str = Field(description="A short lead some platforms show under the title.")
    tags: list[str] = Field(description="The post's tags, in the order written.")
    media: list[MediaRef] = Field(description="Media references, in the order they appear.")
    author_id: str | None = Field(description="Who wrote it: the creating token's `sub`.")
    status: PostStatus = Field(
        description="draft, in_review, changes_requested, approved or archived; moved by "
        "POST /v1/posts/{post_id}/transitions. Only approved posts can be published."
    )
    version: int = Field(
        description="Goes up by one on every change; answered as the ETag, sent back as If-Match."
    )
    created_at: datetime = Field(description="When it was created (RFC 3339, UTC).")
    updated_at: datetime = Field(description="When it last changed (RFC 3339, UTC).")


class RevisionRead(BaseModel):
    """The post's content as one edit left it; revisions are never changed."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                _CONTENT
                | {"post_id": POST_ID, "number": 2}
                | {"author_id": EDITOR, "created_at": UPDATED_AT}
            ]
        },
    )

    post_id: uuid.UUID = Field(description="The post this is a revision of.")
    number: int = Field(description="1 for the content the post was created with, then +1.")
    title: str = Field(description="The headline in this revision.")
    body: str = Field(description="The Markdown text in this revision.")
    summary: str = Field(description="The summary in this revision.")
    tags: list[str] = Field(description="The tags in this revision.")
    media: list[MediaRef] = Field(description="The media references in this revision.")
    author_id: str | None = Field(description="Who made this edit (a token's `sub`).")
    created_at: datetime = Field(description="When the edit was made (RFC 3339, UTC).")


class RevisionDiff(BaseModel):
    """What one revision changed in the title and body, as unified diffs."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "post_id": POST_ID,
                    "number": 2,
                    "previous_number": 1,
                    "title_diff": TITLE_DIFF,
                    "body_diff": BODY_DIFF,
                    "diff": TITLE_DIFF + BODY_DIFF,
                }
            ]
        }
    )

    post_id: uuid.UUID = Field(description="The post the revisions belong to.")
    number: int = Field(description="The revision shown (the newer side of the diff).")
    previous_number: int | None = Field(description="null for revision 1 (diffed against empty)")
    title_diff: str = Field(description="unified diff of the title")
    body_diff: str = Field(description="unified diff of the body")
    diff: str = Field(description="title_diff followed by body_diff")


class CommentCreate(RequestBody):
    """A reviewer's remark on one revision of the post."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"body": REVIEW_COMMENT, "revision_number": 2}]}
    )

    body: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)
    ] = Field(description="The remark (1 to 10,000 characters).")
    # Omitted: the comment is about the latest revision.
    revision_number: Annotated[int, Field(ge=1)] | None = Field(
        None, description="The revision it is about; omitted: the latest."
    )


class CommentRead(BaseModel):
    """A review comment, written on its own or with a workflow step."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": COMMENT_ID,
                    "post_id": POST_ID,
                    "revision_number": 2,
                    "body": CHANGES_REQUESTED,
                    "author_id": REVIEWER,
                    "transition_to": "changes_requested",
                    "created_at": UPDATED_AT,
                }
            ]
        },
    )

    id: uuid.UUID = Field(description="The comment's id, set by MediaOps.")
    post_id: uuid.UUID = Field(description="The post it is on.")
    revision_number: int | None = Field(description="The revision it is about.")
    body: str = Field(description="The remark.")
    author_id: str | None = Field(description="Who wrote it (a token's `sub`).")
    transition_to: PostStatus | None = Field(
        description="The status the post moved to when the comment came with a transition; "
        "null for a comment on its own."
    )
    created_at: datetime = Field(description="When it was written (RFC 3339, UTC).")
