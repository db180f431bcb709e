"""The neutral chat vocabulary every adapter translates into and out of (who spoke, where,
what; and the reply)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    """What a platform knows of a person: their display name and time zone."""

    handle: str
    name: str | None = None
    timezone: str | None = None
    # A name as a mention showed it (Teams lets people trim one to "Ana"): taken only for a
    # person with no name yet, never over the name their profile or own messages gave.
    name_as_typed: bool = False


@dataclass(frozen=True)
class Message:
    platform: str  # "console" | "slack" | "teams"
    workspace: str  # the platform's team / tenant id
    user: str  # the speaker's handle or platform user id
    channel: str
    text: str
    user_name: str | None = None
    user_timezone: str | None = None
    profiles: tuple[Profile, ...] = ()  # of people mentioned in the text, when known
    delivery_id: str | None = None  # the platform's id of this delivery: retries share it

    @property
    def workspace_key(self) -> str:
        return f"{self.platform}:{self.workspace}"


@dataclass(frozen=True)
class Reply:
    text: str
    ok: bool = True
    public: bool = False  # in the channel for everyone, rather than to the speaker only
    data: object | None = None  # the structured result, for adapters that render richly
    duplicate: bool = False  # a platform retry of a delivery already handled: say nothing
    undo: bool = False  # the task was read by a rule the speaker may not have meant: offer Undo
