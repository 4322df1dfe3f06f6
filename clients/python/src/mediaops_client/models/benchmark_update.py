from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.benchmark_platform import BenchmarkPlatform
from ..types import UNSET, Unset

T = TypeVar("T", bound="BenchmarkUpdate")


@_attrs_define
class BenchmarkUpdate:
    """Only the fields sent change.

    Attributes:
        platform (BenchmarkPlatform | None | Unset): Where the account publishes (content-svc's channel platforms, or
            `other`).
        handle (None | str | Unset): The account's id on the platform (a WeChat OA's 微信号, a Weibo or Xiaohongshu id), 1
            to 100 characters, spaces around it dropped; one benchmark per platform and handle.
        name (None | str | Unset): What the team calls it (1 to 200 characters).
        notes (None | str | Unset): Why it is a benchmark, what to watch (up to 2,000 characters).
    """

    platform: BenchmarkPlatform | None | Unset = UNSET
    handle: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    notes: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        platform: None | str | Unset
        if isinstance(self.platform, Unset):
            platform = UNSET
        elif isinstance(self.platform, BenchmarkPlatform):
            platform = self.platform.value
        else:
            platform = self.platform

        handle: None | str | Unset
        if isinstance(self.handle, Unset):
            handle = UNSET
        else:
            handle = self.handle

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if platform is not UNSET:
            field_dict["platform"] = platform
        if handle is not UNSET:
            field_dict["handle"] = handle
        if name is not UNSET:
            field_dict["name"] = name
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_platform(data: object) -> BenchmarkPlatform | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                platform_type_0 = BenchmarkPlatform(data)

                return platform_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BenchmarkPlatform | None | Unset, data)

        platform = _parse_platform(d.pop("platform", UNSET))

        def _parse_handle(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        handle = _parse_handle(d.pop("handle", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        benchmark_update = cls(
            platform=platform,
            handle=handle,
            name=name,
            notes=notes,
        )

        return benchmark_update
