"""Post rules: the review workflow, a revision for every content change, review comments.

Workflow: draft → in_review → approved | changes_requested; changes_requested → in_review or
back to draft; approved → archived, or back to draft to rework it. Changing the content of an
approved post sends it back to draft: what was approved is no longer what would be published.
Archived posts are read-only. Only approved posts may be published (publications check it).
"""

import difflib
import uuid
from typing import Any

from sqlalchemy.exc import IntegrityError

from content_svc.events import DomainEvent
from content_svc.posts.exceptions import (
    ArchivedPostIsReadOnly,
    IllegalPostTransition,
    PostNotFound,
    PostStillReferenced,
    UnknownRevision,
    UnknownTopic,
)
from content_svc.posts.models import Post, PostComment, PostRevision, PostStatus
from content_svc.posts.repository import CommentRepository, PostRepository, RevisionRepository
from content_svc.posts.schemas import (
    CommentCreate,
    PostCreate,
    PostTransition,
    PostUpdate,
    RevisionDiff,
)
from content_svc.topics.repository import TopicRepository
from servicekit.unitofwork import UnitOfWork
from servicekit.versioning import check_if_match

ALLOWED_TRANSITIONS: dict[PostStatus, tuple[PostStatus, ...]] = {
    PostStatus.DRAFT: (PostStatus.IN_REVIEW,),
    PostStatus.IN_REVIEW: (PostStatus.APPROVED, PostStatus.CHANGES_REQUESTED),
    PostStatus.CHANGES_REQUESTED: (PostStatus.IN_REVIEW, PostStatus.DRAFT),
    PostStatus.APPROVED: (PostStatus.ARCHIVED, PostStatus.DRAFT),
    PostStatus.ARCHIVED: (),
}
CONTENT_FIELDS = ("title", "body", "summary", "tags", "media")


async def _check_topic(uow: UnitOfWork, topic_id: uuid.UUID | None) -> None:
    if topic_id is not None and await uow.repo(TopicRepository).get(topic_id) is None:
        raise UnknownTopic(topic_id)


async def _store_revision(uow: UnitOfWork, post: Post, author_id: str | None) -> int:
    # Called with the post's row lock held (or on a post no one else can see yet), so the
    # next number cannot be taken by a concurrent writer; the unique constraint backs this up.
    revisions = uow.repo(RevisionRepository)
    number = await revisions.latest_number(post.id) + 1
    await revisions.add(
        PostRevision(
            post_id=post.id,
            number=number,
            title=post.title,
            body=post.body,
            summary=post.summary,
            tags=list(post.tags),
            media=list(post.media),
            author_id=author_id,
        )
    )
    return number


async def _lock(uow: UnitOfWork, post: Post, if_match: str | None) -> Post:
    # Every write to a post takes its row lock first, so concurrent writers run one after the
    # other and each sees the version the previous one committed (a stale If-Match is then a
    # 412, and revision numbers are assigned one at a time). A post deleted since it was read
    # is missing.
    locked = await uow.repo(PostRepository).get_or_raise(post.id, PostNotFound, lock=True)
    check_if_match(if_match, locked.version)
    return locked


async def create_post(uow: UnitOfWork, data: PostCreate, author_id: str | None) -> Post:
    await _check_topic(uow, data.topic_id)
    fields = data.model_dump(mode="json", exclude={"topic_id"})
    post = await uow.repo(PostRepository).add(
        Post(**fields, topic_id=data.topic_id, author_id=author_id)
    )
    await _store_revision(uow, post, author_id)
    return post


async def update_post(
    uow: UnitOfWork, post: Post, data: PostUpdate, if_match: str | None, actor_id: str | None
) -> Post:
    post = await _lock(uow, post, if_match)
    if post.status == PostStatus.ARCHIVED:
        raise ArchivedPostIsReadOnly
    changes = data.changes()
    if "topic_id" in changes:
        await _check_topic(uow, changes["topic_id"])
    changed = {name for name, value in changes.items() if getattr(post, name) != value}
    if not changed:
        return post  # nothing differs: no new version, no empty revision
    for name in changed:
        setattr(post, name, changes[name])
    content_changed = bool(changed & set(CONTENT_FIELDS))
    if content_changed and post.status == PostStatus.APPROVED:
        post.status = PostStatus.DRAFT
    await uow.repo(PostRepository).flush()
    if content_changed:
        await _store_revision(uow, post, actor_id)
    return post


async def transition_post(
    uow: UnitOfWork, post: Post, data: PostTransition, if_match: str | None, actor_id: str | None
) -> Post:
    post = await _lock(uow, post, if_match)
    allowed = ALLOWED_TRANSITIONS[PostStatus(post.status)]
    if data.to not in allowed:
        raise IllegalPostTransition(post.status, data.to, allowed)
    post.status = data.to
    await uow.repo(PostRepository).flush()
    if data.comment is not None:
        await uow.repo(CommentRepository).add(
            PostComment(
                post_id=post.id,
                revision_number=await uow.repo(RevisionRepository).latest_number(post.id),
                body=data.comment,
                author_id=actor_id,
                transition_to=data.to,
            )
        )
    if data.to == PostStatus.APPROVED:
        await uow.record(DomainEvent.POST_APPROVED, _event_payload(post, actor_id))
    return post


def _event_payload(post: Post, actor_id: str | None) -> dict[str, Any]:
    return {
        "post_id": str(post.id),
        "topic_id": str(post.topic_id) if post.topic_id else None,
        "title": post.title,
        "version": post.version,
        "actor_id": actor_id,
    }


async def delete_post(uow: UnitOfWork, post: Post, if_match: str | None) -> None:
    check_if_match(if_match, post.version)
    try:
        async with uow.session.begin_nested():
            await uow.repo(PostRepository).delete(post)
    except IntegrityError as exc:  # another table (publications) still points at it
        raise PostStillReferenced(post.id) from exc


async def add_comment(
    uow: UnitOfWork, post: Post, data: CommentCreate, author_id: str | None
) -> PostComment:
    latest = await uow.repo(RevisionRepository).latest_number(post.id)
    number = data.revision_number if data.revision_number is not None else latest
    if number > latest:
        raise UnknownRevision(number, latest)
    return await uow.repo(CommentRepository).add(
        PostComment(post_id=post.id, revision_number=number, body=data.body, author_id=author_id)
    )


def _unified(label: str, before: str, after: str, old: int | None, new: int) -> str:
    old_name = f"revision {old}/{label}" if old is not None else f"(empty)/{label}"
    return "".join(
        difflib.unified_diff(_lines(before), _lines(after), old_name, f"revision {new}/{label}")
    )


def _lines(text: str) -> list[str]:
    # Every line ends in a newline, so a text without a trailing one still diffs line for line
    # instead of gluing its last line to the next hunk header (the title and body diffs are
    # concatenated).
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


def diff_revisions(current: PostRevision, previous: PostRevision | None) -> RevisionDiff:
    """Unified diff of title and body against the previous revision (revision 1: against empty)."""
    old = previous.number if previous is not None else None
    title_diff = _unified(
        "title", previous.title if previous else "", current.title, old, current.number
    )
    body_diff = _unified(
        "body", previous.body if previous else "", current.body, old, current.number
    )
    return RevisionDiff(
        post_id=current.post_id,
        number=current.number,
        previous_number=old,
        title_diff=title_diff,
        body_diff=body_diff,
        diff=title_diff + body_diff,
    )
