"""Commands: what a person asked for, parsed from chat text once (see domain/parser.py).

Names and dates stay raw text here; handlers resolve them against the workspace's data and
the speaker's time zone.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class AddTask:
    title: str
    assignee: str | None = None
    due: str | None = None
    project: str | None = None
    estimate: float | None = None
    # How phrases were read by a rule other than `due …`/`@name`, to say so in the reply:
    # ("by thursday", "the due date").
    readings: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    # A person said by name ("for sam", "sam: …"), who takes the task if they are known:
    # (name, the phrase as said, the title without it).
    named: tuple[str, str, str] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ListTasks:
    mine: bool = False
    person: str | None = None
    overdue: bool = False
    blocked: bool = False
    project: str | None = None
    done: bool = False
    due: str | None = None  # "today", "tomorrow", "this week", "next week" or a date said


@dataclass(frozen=True)
class Several:
    """`task done #5 #17`: the same change to several tasks, all of it or none."""

    commands: tuple


@dataclass(frozen=True)
class ChangeTaskStatus:
    number: int
    status: str  # a domain.tasks.Status value
    reason: str | None = None
    unblock: bool = False  # `task unblock`: only a blocked task, back to open


@dataclass(frozen=True)
class EditTask:
    """`task edit #n [due …] [@person] [estimate …] [in <project>]`: only what is said."""

    number: int
    due: str | None = None
    assignee: str | None = None
    estimate: float | None = None
    project: str | None = None


@dataclass(frozen=True)
class RenameTask:
    number: int
    title: str


@dataclass(frozen=True)
class RescheduleTask:
    number: int
    due: str


@dataclass(frozen=True)
class AssignTask:
    number: int
    person: str


@dataclass(frozen=True)
class SnoozeTask:
    number: int


@dataclass(frozen=True)
class ShowTask:
    number: int


@dataclass(frozen=True)
class ReviewUnplannedTask:
    number: int
    approve: bool


@dataclass(frozen=True)
class AskWhoOwns:
    question: str
    contexts: tuple[str, ...] = ()  # trailing "in <name>" candidates, nearest the end first


@dataclass(frozen=True)
class LogDecision:
    text: str
    area: str | None = None
    contexts: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListDecisions:
    project: str | None = None


@dataclass(frozen=True)
class ConfirmDecision:
    number: int
    reject: bool = False  # `decision reject D3 [reason]`
    reason: str | None = None


@dataclass(frozen=True)
class AddProduct:
    name: str
    manager: str | None = None
    vision: str | None = None


@dataclass(frozen=True)
class UpdateProduct:
    name: str
    manager: str | None = None
    vision: str | None = None


@dataclass(frozen=True)
class SetProductMetric:
    product: str
    name: str
    target: str


@dataclass(frozen=True)
class SetProductConstraint:
    product: str
    kind: str  # "release-by" | "budget" | "out-of-scope"
    value: str


@dataclass(frozen=True)
class ShowProducts:
    name: str | None = None


@dataclass(frozen=True)
class AddProject:
    name: str
    product: str | None = None
    manager: str | None = None
    ends: str | None = None
    budget: float | None = None


@dataclass(frozen=True)
class UpdateProject:
    name: str
    product: str | None = None
    manager: str | None = None
    ends: str | None = None
    budget: float | None = None


@dataclass(frozen=True)
class ShowProjects:
    name: str | None = None


@dataclass(frozen=True)
class SetBaseline:
    project: str | None = None


@dataclass(frozen=True)
class ShowDrift:
    project: str | None = None


@dataclass(frozen=True)
class UseProject:
    project: str


@dataclass(frozen=True)
class AssignRole:
    person: str
    role: str  # a domain.roles.Role value
    target: str


@dataclass(frozen=True)
class ListRoles:
    pass


@dataclass(frozen=True)
class SetAreaOwner:
    area: str
    role: str


@dataclass(frozen=True)
class ShowOwners:
    pass


@dataclass(frozen=True)
class ScheduleStandup:
    at: str  # "HH:MM"
    timezone: str | None = None
    days: tuple[int, ...] = (0, 1, 2, 3, 4)
    project: str | None = None


@dataclass(frozen=True)
class RunStandup:
    pass


@dataclass(frozen=True)
class StopStandup:
    pass


@dataclass(frozen=True)
class ShowStandup:
    pass


@dataclass(frozen=True)
class CheckIn:
    yesterday: str | None
    today: str | None
    blockers: str | None


@dataclass(frozen=True)
class SetTimezone:
    timezone: str


@dataclass(frozen=True)
class ShowMine:
    pass


@dataclass(frozen=True)
class Help:
    topic: str | None = None


Command = (
    AddTask | ListTasks | ChangeTaskStatus | RescheduleTask | AssignTask | SnoozeTask | ShowTask
    | ReviewUnplannedTask | AskWhoOwns | LogDecision | ListDecisions | ConfirmDecision
    | AddProduct | UpdateProduct | SetProductMetric | SetProductConstraint | ShowProducts
    | AddProject | UpdateProject | ShowProjects | SetBaseline | ShowDrift | UseProject
    | AssignRole | ListRoles
    | SetAreaOwner | ShowOwners | ScheduleStandup | RunStandup | StopStandup | ShowStandup
    | CheckIn | SetTimezone | ShowMine | Help
)  # fmt: skip
