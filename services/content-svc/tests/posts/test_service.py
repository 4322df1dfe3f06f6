import uuid
from typing import cast

from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.posts import service
from content_svc.posts.models import PostRevision, PostStatus
from content_svc.posts.repository import CommentRepository, PostRepository, RevisionRepository
from content_svc.posts.schemas import PostCreate, PostTransition, PostUpdate
from content_svc.topics.repository import TopicRepository
from servicekit.testing.headers import WORKSPACE_A

WS = WORKSPACE_A


def repos(
    session: AsyncSession,
) -> tuple[PostRepository, RevisionRepository, TopicRepository, CommentRepository]:
    return (
        PostRepository(session, WS),
        RevisionRepository(session, WS),
        TopicRepository(session, WS),
        CommentRepository(session, WS),
    )


def revision(number: int, title: str, body: str) -> PostRevision:
    return PostRevision(post_id=uuid.uuid4(), number=number, title=title, body=body)


def test_every_status_has_a_transition_rule() -> None:
    assert set(service.ALLOWED_TRANSITIONS) == set(PostStatus)
    for targets in service.ALLOWED_TRANSITIONS.values():
        assert set(targets) <= set(PostStatus)


def test_diff_of_unchanged_title_is_empty_and_body_without_final_newline_diffs_by_line() -> None:
    diff = service.diff_revisions(revision(2, "标题", "a\nb"), revision(1, "标题", "a\nc"))
    assert diff.title_diff == ""
    assert diff.body_diff == (
        "--- revision 1/body\n+++ revision 2/body\n@@ -1,2 +1,2 @@\n a\n-c\n+b\n"
    )
    assert diff.diff == diff.body_diff


async def test_create_then_edits_number_revisions_in_order(db_session: AsyncSession) -> None:
    posts, revisions, topics, _ = repos(db_session)
    post = await service.create_post(posts, revisions, topics, PostCreate(title="一"), "u1")
    for n in range(2, 5):
        post = await service.update_post(
            posts, revisions, topics, post, PostUpdate(body=f"第{n}版"), None, f"u{n}"
        )
    rows = cast(
        "list[PostRevision]", (await db_session.scalars(revisions.list_revisions(post.id))).all()
    )
    assert [(r.number, r.body, r.author_id) for r in rows] == [
        (1, "", "u1"),
        (2, "第2版", "u2"),
        (3, "第3版", "u3"),
        (4, "第4版", "u4"),
    ]
    assert post.version == 4


async def test_edit_of_approved_post_returns_it_to_draft(db_session: AsyncSession) -> None:
    posts, revisions, topics, comments = repos(db_session)
    post = await service.create_post(posts, revisions, topics, PostCreate(title="t"), "u1")
    for target in ("in_review", "approved"):
        post = await service.transition_post(
            posts, revisions, comments, post, PostTransition(to=target), None, "reviewer"
        )
    post = await service.update_post(
        posts, revisions, topics, post, PostUpdate(tags=["新"]), None, "u1"
    )
    assert post.status == "draft"
    assert await revisions.latest_number(post.id) == 2
