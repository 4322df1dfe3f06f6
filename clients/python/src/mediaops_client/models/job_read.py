from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_status import JobStatus

if TYPE_CHECKING:
    from ..models.job_error_read import JobErrorRead
    from ..models.job_read_result_type_0 import JobReadResultType0


T = TypeVar("T", bound="JobRead")


@_attrs_define
class JobRead:
    """Long work the service runs in the background: poll it until ``status`` is
    ``succeeded`` or ``failed``.

        Attributes:
            id (str): The owning service and a UUID (`campaign-…`, `community-…`); `GET /v1/jobs/{id}` reads the job through
                the gateway
            kind (str): What the job does (each service's guide lists its kinds)
            status (JobStatus):
            done (int): Units finished so far (codes, rows); only ever grows
            total (int | None): Units in all, when known
            errors (list[JobErrorRead]): Problems met so far, the first 100; rows with errors are skipped, the others go on
            error_count (int): All problems met so far (errors keeps the first ones)
            result (JobReadResultType0 | None): What the job made (its kind says what), once known; null before
            result_url (None | str): Where the file the job wrote (an export) is read, once it has succeeded: `GET` streams
                it
            created_at (datetime.datetime): When the job was submitted
            started_at (datetime.datetime | None): When a runner first took the job
            finished_at (datetime.datetime | None): When it succeeded or failed
    """

    id: str
    kind: str
    status: JobStatus
    done: int
    total: int | None
    errors: list[JobErrorRead]
    error_count: int
    result: JobReadResultType0 | None
    result_url: None | str
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.job_read_result_type_0 import JobReadResultType0

        id = self.id

        kind = self.kind

        status = self.status.value

        done = self.done

        total: int | None
        total = self.total

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        error_count = self.error_count

        result: dict[str, Any] | None
        if isinstance(self.result, JobReadResultType0):
            result = self.result.to_dict()
        else:
            result = self.result

        result_url: None | str
        result_url = self.result_url

        created_at = self.created_at.isoformat()

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "status": status,
                "done": done,
                "total": total,
                "errors": errors,
                "error_count": error_count,
                "result": result,
                "result_url": result_url,
                "created_at": created_at,
                "started_at": started_at,
                "finished_at": finished_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.job_error_read import JobErrorRead
        from ..models.job_read_result_type_0 import JobReadResultType0

        d = dict(src_dict)
        id = d.pop("id")

        kind = d.pop("kind")

        status = JobStatus(d.pop("status"))

        done = d.pop("done")

        def _parse_total(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        total = _parse_total(d.pop("total"))

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = JobErrorRead.from_dict(errors_item_data)

            errors.append(errors_item)

        error_count = d.pop("error_count")

        def _parse_result(data: object) -> JobReadResultType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = JobReadResultType0.from_dict(data)

                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobReadResultType0 | None, data)

        result = _parse_result(d.pop("result"))

        def _parse_result_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        result_url = _parse_result_url(d.pop("result_url"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        job_read = cls(
            id=id,
            kind=kind,
            status=status,
            done=done,
            total=total,
            errors=errors,
            error_count=error_count,
            result=result,
            result_url=result_url,
            created_at=created_at,
            started_at=started_at,
            finished_at=finished_at,
        )

        job_read.additional_properties = d
        return job_read

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
