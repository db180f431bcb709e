"""A scope baseline: a frozen snapshot of a project's scope (its tasks, end date and budget),
taken with `project baseline`, that drift is measured against."""

from dataclasses import dataclass, field
from datetime import date, datetime

from domain.model.tasks import Status, Task
from domain.model.workspace import Project


@dataclass(eq=False)
class Baseline:
    workspace_id: int
    project_id: int
    task_ids: list[int] = field(default_factory=list)
    estimates: dict[str, float] = field(default_factory=dict)  # task id → estimate, when set
    ends_on: date | None = None
    budget: float | None = None
    created_at: datetime | None = None
    created_by_id: int | None = None
    id: int | None = None

    @classmethod
    def of(cls, project: Project, tasks: list[Task], now: datetime, by: int) -> "Baseline":
        scoped = [t for t in tasks if t.status != Status.DROPPED]
        return cls(
            workspace_id=project.workspace_id,
            project_id=project.id,
            task_ids=sorted(t.id for t in scoped),
            estimates={str(t.id): t.estimate for t in scoped if t.estimate is not None},
            ends_on=project.ends_on,
            budget=project.budget,
            created_at=now,
            created_by_id=by,
        )

    def approve(self, task: Task) -> None:
        """An unplanned task approved into scope joins the baseline."""
        if task.id not in self.task_ids:
            self.task_ids = sorted([*self.task_ids, task.id])
            if task.estimate is not None:
                self.estimates = {**self.estimates, str(task.id): task.estimate}
