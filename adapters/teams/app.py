"""Serving Teams: a botbuilder CloudAdapter at `/api/messages` on RoleCall's aiohttp server.

Authentication is ConfigurationBotFrameworkAuthentication's: on whenever an app id is set
(a request without a valid Bot Framework JWT is refused with 401). Without one it is off, for
the Agents Playground, and then only local clients with a local serviceUrl are served, so an
unconfigured server can neither be fed work from outside nor be made to post anywhere else.
Requests are checked here before the adapter sees them: a malformed token or body is a 4xx,
signing keys that cannot be fetched a 503, never a 500.
"""

import logging
from dataclasses import dataclass

from aiohttp import web
from botbuilder.core import Bot, TurnContext
from botbuilder.integration.aiohttp import (
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
)
from botbuilder.schema import Activity, CallerIdConstants
from botframework.connector.auth import AuthenticationConstants, EmulatorValidation
from msrest.universal_http.requests import ClientRetryPolicy

from adapters.teams import local_only
from adapters.teams.signing_keys import use_timely_signing_keys
from domain.service import APOLOGY

log = logging.getLogger(__name__)
MESSAGES_PATH = "/api/messages"


@dataclass(frozen=True)
class TeamsSettings:
    """The Bot Framework's own setting names (MicrosoftAppId, …) map onto these."""

    app_id: str | None = None
    app_password: str | None = None
    app_type: str | None = None  # MultiTenant (default) | SingleTenant | UserAssignedMSI
    app_tenant_id: str | None = None
    openid_metadata_url: str | None = None  # where Bot Framework's signing keys are published
    emulator_metadata_url: str | None = None  # the same, for tokens from the Emulator

    @property
    def authenticated(self) -> bool:
        return bool(self.app_id)

    def __repr__(self) -> str:  # secrets never reach logs
        mode = f"app {self.app_id}" if self.app_id else "unauthenticated (local testing)"
        return f"TeamsSettings({mode})"


class _Configuration:
    """The attribute names ConfigurationBotFrameworkAuthentication reads."""

    def __init__(self, s: TeamsSettings) -> None:
        self.APP_ID = s.app_id or ""
        self.APP_PASSWORD = s.app_password or ""
        self.APP_TYPE = s.app_type or "MultiTenant"
        self.APP_TENANTID = s.app_tenant_id or ""
        if s.openid_metadata_url or s.emulator_metadata_url:
            # Setting any endpoint switches botbuilder to its parameterized authentication,
            # which needs every public-cloud value spelled out.
            c = AuthenticationConstants
            self.TO_CHANNEL_FROM_BOT_LOGIN_URL = (
                c.TO_CHANNEL_FROM_BOT_LOGIN_URL_PREFIX + c.DEFAULT_CHANNEL_AUTH_TENANT
            )
            self.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE = c.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE
            self.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER = c.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER
            self.OAUTH_URL = c.OAUTH_URL
            self.CALLER_ID = CallerIdConstants.public_azure_channel
            self.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL = (
                s.openid_metadata_url or c.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL
            )
            self.TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL = (
                s.emulator_metadata_url or c.TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL
            )


def retry_codes_from_a_set() -> None:
    """msrest, under botbuilder, builds every client's retry policy by looking up 999 status
    codes in a 500-item list: 2.8 ms of CPU, twice per activity and again per proactive post.
    Looked up in a set, the same policy takes 30 µs."""
    if not isinstance(ClientRetryPolicy.safe_codes, frozenset):
        ClientRetryPolicy.safe_codes = frozenset(ClientRetryPolicy.safe_codes)


def build_adapter(settings: TeamsSettings, report_errors: bool = True) -> CloudAdapter:
    """`report_errors`: a failed turn is logged and the user gets an apology (for serving);
    without it the failure reaches the caller (for proactive sends)."""
    retry_codes_from_a_set()
    use_timely_signing_keys()
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(_Configuration(settings)))
    if report_errors:
        adapter.on_turn_error = _apologise
    return adapter


async def _apologise(turn_context: TurnContext, error: Exception) -> None:
    log.error("Teams turn failed", exc_info=error)
    try:
        await turn_context.send_activity(APOLOGY)
    except Exception:
        log.exception("could not send the apology")


def mount(web_app: web.Application, adapter: CloudAdapter, bot: Bot, settings: TeamsSettings):
    async def messages(request: web.Request) -> web.Response:
        header = request.headers.get("Authorization", "")
        if refused := _refused(request, header, settings):
            return refused
        activity = await _activity(request)
        if isinstance(activity, web.Response):
            return activity
        if not settings.authenticated and not local_only.is_local_url(activity.service_url):
            return web.Response(
                status=400, text="Without MicrosoftAppId, serviceUrl must be local."
            )
        authenticated = await _authenticate(adapter, activity, header)
        if isinstance(authenticated, web.Response):
            return authenticated
        try:
            invoke = await adapter.process_activity(authenticated, activity, bot.on_turn)
        except Exception:
            log.exception("Teams activity %s failed", activity.type)
            return web.Response(status=500)
        return _invoke_response(invoke) if invoke else web.Response(status=201)

    web_app.router.add_post(MESSAGES_PATH, messages)


def _refused(request: web.Request, header: str, settings: TeamsSettings) -> web.Response | None:
    if settings.authenticated:
        return None if header else web.Response(status=401)
    if why := local_only.refusal(request):
        log.warning("refused a Teams request %s: without MicrosoftAppId only local clients "
                    "are served", why)  # fmt: skip
        return web.Response(status=401)
    return None


async def _authenticate(adapter: CloudAdapter, activity: Activity, header: str):
    """botbuilder's result, or the refusal. Emulator tokens are refused before botbuilder
    sees them: it checks no serviceUrl on those, so the bot would answer, with its own token,
    wherever the activity said; RoleCall is tried locally without an app id instead."""
    try:
        if EmulatorValidation.is_token_from_emulator(header):
            log.warning("refused a Teams request: a Bot Framework Emulator token")
            return web.Response(status=401)
        auth = adapter.bot_framework_authentication  # None: the anonymous path, without app id
        return await auth.authenticate_request(activity, header or None)
    except PermissionError:
        return web.Response(status=401)
    except OSError as error:  # the signing keys could not be fetched: worth a retry
        log.warning("could not check a Teams token: %s", error)
        return web.Response(status=503)
    except Exception as error:  # malformed, expired or wrongly signed
        log.warning("refused a Teams request: %s", type(error).__name__)
        return web.Response(status=401)


async def _activity(request: web.Request) -> Activity | web.Response:
    if "application/json" not in request.headers.get("Content-Type", ""):
        return web.Response(status=415, text="Bot Framework activities are JSON.")
    try:
        body = await request.json()
        activity = Activity().deserialize(body) if isinstance(body, dict) else None
    except Exception:
        activity = None
    if activity is None or not activity.type:
        return web.Response(status=400, text="Not a Bot Framework activity.")
    if not (activity.from_property and activity.from_property.id and activity.conversation
            and activity.conversation.id and activity.recipient):  # fmt: skip
        return web.Response(status=400, text="An activity needs from, recipient and conversation.")
    return activity


def _invoke_response(invoke) -> web.Response:
    """An invoke's answer. botbuilder has usually serialised the body already."""
    try:
        body = invoke.body.serialize() if hasattr(invoke.body, "serialize") else invoke.body
        return web.json_response(body, status=int(invoke.status))
    except Exception:  # an exception object inside, say: the status says enough
        return web.Response(status=int(invoke.status))
