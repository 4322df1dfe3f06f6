from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.benchmark_platform import BenchmarkPlatform
from ..types import UNSET, Unset

T = TypeVar("T", bound="BenchmarkCreate")


@_attrs_define
class BenchmarkCreate:
    """An account of another brand to measure the workspace's own channels against.

    Attributes:
        platform (BenchmarkPlatform): Where a benchmark account publishes: content-svc's channel platforms (its
            ``webhook`` publisher is no platform of an account one measures), or ``other``.
        handle (str): The account's id on the platform (a WeChat OA's 微信号, a Weibo or Xiaohongshu id), 1 to 100
            characters, spaces around it dropped; one benchmark per platform and handle.
        name (str): What the team calls it (1 to 200 characters).
        notes (str | Unset): Why it is a benchmark, what to watch (up to 2,000 characters). Default: ''.
    """

    platform: BenchmarkPlatform
    handle: str
    name: str
    notes: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        platform = self.platform.value

        handle = self.handle

        name = self.name

        notes = self.notes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "platform": platform,
                "handle": handle,
                "name": name,
            }
        )
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        platform = BenchmarkPlatform(d.pop("platform"))

        handle = d.pop("handle")

        name = d.pop("name")

        notes = d.pop("notes", UNSET)

        benchmark_create = cls(
            platform=platform,
            handle=handle,
            name=name,
            notes=notes,
        )

        return benchmark_create
