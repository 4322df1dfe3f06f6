import uuid
from typing import Annotated, cast

from fastapi import Depends, Request

from content_svc.inbox.exceptions import CannedReplyNotFound, ThreadNotFound
from content_svc.inbox.models import CannedReply, InboxThread
from content_svc.inbox.repository import CannedReplyRepository, ThreadRepository
from content_svc.inbox.senders import InboxState, ReplySenders
from servicekit.state import service_state
from servicekit.unitofwork import UnitOfWorkDep


async def get_thread_or_404(thread_id: uuid.UUID, uow: UnitOfWorkDep) -> InboxThread:
    return await uow.repo(ThreadRepository).get_or_raise(thread_id, ThreadNotFound)


ThreadDep = Annotated[InboxThread, Depends(get_thread_or_404)]


async def get_canned_reply_or_404(canned_reply_id: uuid.UUID, uow: UnitOfWorkDep) -> CannedReply:
    return await uow.repo(CannedReplyRepository).get_or_raise(canned_reply_id, CannedReplyNotFound)


CannedReplyDep = Annotated[CannedReply, Depends(get_canned_reply_or_404)]


async def reply_senders(request: Request) -> ReplySenders:
    """The app's reply senders, by publisher kind (opened with the app: inbox/senders.py)."""
    return cast(InboxState, service_state(request.scope))["reply_senders"]


ReplySendersDep = Annotated[ReplySenders, Depends(reply_senders)]
