from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.platform import Platform

if TYPE_CHECKING:
    from ..models.limits import Limits


T = TypeVar("T", bound="PlatformProfile")


@_attrs_define
class PlatformProfile:
    """A platform's documented default limits, which every channel on it starts from.

    Attributes:
        platform (Platform): The platform a channel publishes on; each has a profile of default limits.
        limits (Limits): Effective limits, in characters (title, body, summary) and items (media, tags); null
            means no limit is enforced.

            A publication that breaks one is refused with a 422 naming the rule.
    """

    platform: Platform
    limits: Limits
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        platform = self.platform.value

        limits = self.limits.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "platform": platform,
                "limits": limits,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.limits import Limits

        d = dict(src_dict)
        platform = Platform(d.pop("platform"))

        limits = Limits.from_dict(d.pop("limits"))

        platform_profile = cls(
            platform=platform,
            limits=limits,
        )

        platform_profile.additional_properties = d
        return platform_profile

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
