import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.models import OutboxEvent
from content_svc.posts import service
from content_svc.posts.models import PostRevision, PostStatus
from content_svc.posts.repository import RevisionRepository
from content_svc.posts.schemas import PostCreate, PostTransition, PostUpdate
from servicekit.testing.headers import WORKSPACE_A
from servicekit.unitofwork import UnitOfWork

WS = WORKSPACE_A


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
    uow = UnitOfWork(db_session, WS, OutboxEvent)
    revisions = uow.repo(RevisionRepository)
    post = await service.create_post(uow, PostCreate(title="一"), "u1")
    for n in range(2, 5):
        post = await service.update_post(uow, post, PostUpdate(body=f"第{n}版"), None, f"u{n}")
    rows = (await db_session.scalars(revisions.list_revisions(post.id))).all()
    assert [(r.number, r.body, r.author_id) for r in rows] == [
        (1, "", "u1"),
        (2, "第2版", "u2"),
        (3, "第3版", "u3"),
        (4, "第4版", "u4"),
    ]
    assert post.version == 4


async def test_edit_of_approved_post_returns_it_to_draft(db_session: AsyncSession) -> None:
    uow = UnitOfWork(db_session, WS, OutboxEvent)
    post = await service.create_post(uow, PostCreate(title="t"), "u1")
    for target in (PostStatus.IN_REVIEW, PostStatus.APPROVED):
        post = await service.transition_post(uow, post, PostTransition(to=target), None, "reviewer")
    post = await service.update_post(uow, post, PostUpdate(tags=["新"]), None, "u1")
    assert post.status == "draft"
    assert await uow.repo(RevisionRepository).latest_number(post.id) == 2
