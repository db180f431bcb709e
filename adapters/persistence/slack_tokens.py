"""The newest bot token installed for a Slack team, whatever enterprise it belongs to
(slack-sdk's own lookup needs the enterprise id, which a RoleCall workspace does not keep).
Notifiers call these while the dispatcher holds its transaction: they only read."""

from sqlalchemy import Engine, and_, or_, select

from adapters.persistence.database import reader
from adapters.persistence.tables import slack_bots, workspaces


def bot_token(engine: Engine, client_id: str, team: str) -> str | None:
    c = slack_bots.c
    query = (
        select(c.bot_token)
        .where(c.client_id == client_id)
        .where(or_(c.team_id == team, and_(c.enterprise_id == team, c.is_enterprise_install)))
        .order_by(c.installed_at.desc())
        .limit(1)
    )
    with reader(engine).connect() as connection:
        return connection.execute(query).scalar()


def workspace_key(engine: Engine, workspace_id: int) -> str:
    query = select(workspaces.c.key).where(workspaces.c.id == workspace_id)
    with reader(engine).connect() as connection:
        return connection.execute(query).scalar_one()
