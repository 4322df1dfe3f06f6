import uuid
from typing import Annotated

from fastapi import Depends

from metrics_svc.benchmarks.exceptions import BenchmarkNotFound
from metrics_svc.benchmarks.models import Benchmark
from metrics_svc.benchmarks.repository import BenchmarkRepository, SnapshotRepository
from servicekit.unitofwork import UnitOfWorkDep


async def get_benchmark_or_404(benchmark_id: uuid.UUID, uow: UnitOfWorkDep) -> Benchmark:
    return await uow.repo(BenchmarkRepository).get_or_raise(benchmark_id, BenchmarkNotFound)


def benchmark_repository(uow: UnitOfWorkDep) -> BenchmarkRepository:
    return uow.repo(BenchmarkRepository)


def snapshot_repository(uow: UnitOfWorkDep) -> SnapshotRepository:
    return uow.repo(SnapshotRepository)


BenchmarkDep = Annotated[Benchmark, Depends(get_benchmark_or_404)]
BenchmarkRepoDep = Annotated[BenchmarkRepository, Depends(benchmark_repository)]
SnapshotRepoDep = Annotated[SnapshotRepository, Depends(snapshot_repository)]
