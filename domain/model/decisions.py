"""Logged decisions and per-workspace owners of decision areas."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class DecisionStatus(StrEnum):
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


@dataclass(eq=False)
class Decision:
    workspace_id: int
    number: int
    text: str
    area: str
    decided_by_id: int
    status: str = DecisionStatus.PROPOSED
    owner_role: str | None = None
    owner_id: int | None = None
    project_id: int | None = None
    product_id: int | None = None
    created_at: datetime | None = None
    reason: str | None = None  # why it was rejected
    id: int | None = None

    @property
    def ref(self) -> str:
        return f"D{self.number}"


@dataclass(eq=False)
class AreaOwner:
    """A workspace's override of the matrix: `owners set budget product-manager`."""

    workspace_id: int
    area: str
    role: str
    id: int | None = None
