from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReplyCreate")


@_attrs_define
class ReplyCreate:
    """A reply to the thread: its own text, or a canned reply (at its current version or a
    named one).

        Attributes:
            text (None | str | Unset): What to answer (1 to 5,000 characters).
            canned_reply_id (None | Unset | UUID): Instead of text: answer with this canned reply of the workspace.
            canned_reply_version (int | None | Unset): Which version of the canned reply; omitted: its current one.
    """

    text: None | str | Unset = UNSET
    canned_reply_id: None | Unset | UUID = UNSET
    canned_reply_version: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        text: None | str | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        else:
            text = self.text

        canned_reply_id: None | str | Unset
        if isinstance(self.canned_reply_id, Unset):
            canned_reply_id = UNSET
        elif isinstance(self.canned_reply_id, UUID):
            canned_reply_id = str(self.canned_reply_id)
        else:
            canned_reply_id = self.canned_reply_id

        canned_reply_version: int | None | Unset
        if isinstance(self.canned_reply_version, Unset):
            canned_reply_version = UNSET
        else:
            canned_reply_version = self.canned_reply_version

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if text is not UNSET:
            field_dict["text"] = text
        if canned_reply_id is not UNSET:
            field_dict["canned_reply_id"] = canned_reply_id
        if canned_reply_version is not UNSET:
            field_dict["canned_reply_version"] = canned_reply_version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text = _parse_text(d.pop("text", UNSET))

        def _parse_canned_reply_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                canned_reply_id_type_0 = UUID(data)

                return canned_reply_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        canned_reply_id = _parse_canned_reply_id(d.pop("canned_reply_id", UNSET))

        def _parse_canned_reply_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        canned_reply_version = _parse_canned_reply_version(d.pop("canned_reply_version", UNSET))

        reply_create = cls(
            text=text,
            canned_reply_id=canned_reply_id,
            canned_reply_version=canned_reply_version,
        )

        return reply_create
