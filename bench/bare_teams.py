"""The Teams baseline: a bare botbuilder CloudAdapter echo bot on aiohttp, unauthenticated.

python -m bench.bare_teams PORT [--set-lookup]

With --set-lookup it has RoleCall's one change to the framework (msrest's safe status codes
in a set, adapters/teams/app.py), so RoleCall's own cost can be told apart from that gain.
"""

import sys

from aiohttp import web
from botbuilder.core import ActivityHandler, TurnContext
from botbuilder.integration.aiohttp import (
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
)


class Echo(ActivityHandler):
    async def on_message_activity(self, turn_context: TurnContext) -> None:
        await turn_context.send_activity(f"echo: {turn_context.activity.text}")


class NoCredentials:
    APP_ID = APP_PASSWORD = APP_TENANTID = ""
    APP_TYPE = "MultiTenant"


def main(port: int) -> None:
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(NoCredentials()))
    bot = Echo()

    async def messages(request: web.Request) -> web.Response:
        return await adapter.process(request, bot)

    async def health(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    web_app = web.Application()
    web_app.router.add_post("/api/messages", messages)
    web_app.router.add_get("/healthz", health)
    web.run_app(web_app, host="127.0.0.1", port=port, print=None, access_log=None)


if __name__ == "__main__":
    if "--set-lookup" in sys.argv:
        from adapters.teams.app import retry_codes_from_a_set

        retry_codes_from_a_set()
    main(int(sys.argv[1]))
