from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.reply_read import ReplyRead
    from ..models.thread_read import ThreadRead


T = TypeVar("T", bound="ReplyResult")


@_attrs_define
class ReplyResult:
    """A reply as sent (or failed), and its thread afterwards (answered, with its new
    version, when it was sent).

        Attributes:
            reply (ReplyRead): A reply sent to a thread through its channel's reply sender, and how that went.
            thread (ThreadRead): A conversation on a channel and where it stands: who answers it, and whether its answer
                is overdue.
    """

    reply: ReplyRead
    thread: ThreadRead
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reply = self.reply.to_dict()

        thread = self.thread.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reply": reply,
                "thread": thread,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.reply_read import ReplyRead
        from ..models.thread_read import ThreadRead

        d = dict(src_dict)
        reply = ReplyRead.from_dict(d.pop("reply"))

        thread = ThreadRead.from_dict(d.pop("thread"))

        reply_result = cls(
            reply=reply,
            thread=thread,
        )

        reply_result.additional_properties = d
        return reply_result

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
