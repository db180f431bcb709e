"""Without an app id, Teams requests are not authenticated, so only local ones are served:
from a client on this machine, with a `serviceUrl` on this machine."""

from ipaddress import ip_address
from urllib.parse import urlparse

from aiohttp import web

# A reverse proxy on this machine makes every request arrive from 127.0.0.1: the peer address
# alone would serve the whole internet. Proxies say they relayed a request with one of these
# headers (nginx only when configured to, which every proxy guide does), so any of them means
# "not local". A stranger can add such a header, which only gets their own request refused;
# they cannot remove the one their proxy adds. A proxy that adds none still makes requests look
# local: behind a proxy, set MicrosoftAppId (ROLECALL_ENV=production insists on it).
PROXY_HEADERS = (
    "Forwarded",
    "X-Forwarded-For",
    "X-Forwarded-Host",
    "X-Forwarded-Proto",
    "X-Forwarded-Server",
    "X-Original-Forwarded-For",
    "X-Real-IP",
    "Via",
    "X-Client-IP",
    "True-Client-IP",
    "CF-Connecting-IP",
    "X-Cluster-Client-IP",
    "Fastly-Client-IP",
    "X-Envoy-External-Address",
    "X-Azure-ClientIP",
    "X-Azure-SocketIP",
    "X-ProxyUser-Ip",
)  # fmt: skip  (load balancers' and CDNs' own names for the client's address)


def refusal(request: web.Request) -> str | None:
    """Why `request` is not from a local client, or None when it is."""
    if not is_local(request.remote):
        return f"from {request.remote}"
    if relayed := next((h for h in PROXY_HEADERS if h in request.headers), None):
        return f"through a proxy ({relayed})"
    return None


def is_local_url(url: str | None) -> bool:
    return is_local(urlparse(url or "").hostname)


def is_local(host: str | None) -> bool:
    if host == "localhost":
        return True
    try:
        return ip_address(host or "").is_loopback
    except ValueError:
        return False
