"""The one error a user can fix: a short message saying what was wrong and the right form."""


class RoleCallError(Exception):
    """Bad input or a request the data cannot satisfy. Adapters show `str(error)` as is."""

    def __init__(self, message: str, usage: str | None = None) -> None:
        self.message = message
        self.usage = usage
        super().__init__(f"{message}\nTry: {usage}" if usage else message)


class NotFound(RoleCallError):
    """A task, project, product or person that does not exist in this workspace."""
