"""The Slack baseline: a bare bolt AsyncApp on aiohttp whose slash commands only ack with text.

python -m bench.bare_slack PORT SIGNING_SECRET BOT_TOKEN SLACK_API_URL
"""

import sys

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient


def main(port: int, secret: str, token: str, api_url: str) -> None:
    app = AsyncApp(signing_secret=secret, client=AsyncWebClient(token=token, base_url=api_url))

    async def acknowledge(ack, command) -> None:
        await ack(f"Got {command['command']} {command.get('text', '')}")

    for name in ("/who-owns", "/task"):
        app.command(name)(acknowledge)

    async def events(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await app.async_dispatch(await to_bolt_request(request)))

    async def health(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    web_app = web.Application()
    web_app.router.add_post("/slack/events", events)
    web_app.router.add_get("/healthz", health)
    web.run_app(web_app, host="127.0.0.1", port=port, print=None, access_log=None)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4])
