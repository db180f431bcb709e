"""`rolecall teams-package`: the Teams app package (manifest.json and its two icons, zipped)
to upload in Teams or the Teams admin center.

The manifest follows schema 1.17; the icons are drawn here (a person, white, on RoleCall's
colour for the 192 px colour icon, and alone on transparency for the 32 px outline icon), so
the package needs no design files and no imaging library.
"""

import io
import json
import re
import struct
import zipfile
import zlib
from urllib.parse import urlparse

SCHEMA = "https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json"
MANIFEST_VERSION = "1.17"
ACCENT = "#3A5BA0"
GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
SCOPES = ("personal", "team", "groupChat")
COMMANDS = (  # (title ≤ 32, description ≤ 128), as people type them
    ("task add", "Log a task: task add <title> [@person] [due <when>] [in <project>]"),
    ("task list", "Tasks: task list [mine | @person | overdue | blocked | in <project>]"),
    ("who owns", "Who owns a decision, and who to consult: who owns <question>"),
    ("decision log", "Record a decision: decision log <text> [area <area>] [in <project>]"),
    ("project drift", "Scope drift against the baseline: project drift <project>"),
    ("standup at", "This conversation's daily digest: standup at <HH:MM> [tz <Area/City>]"),
    ("checkin", "Your standup: checkin yesterday: … today: … blockers: …"),
    ("roles", "Who is product manager and project manager of what"),
    ("me", "Your open tasks, decisions waiting for you, and your roles"),
    ("help", "Everything RoleCall understands: help [topic]"),
)


class PackageError(ValueError):
    pass


def manifest(bot_id: str, name: str = "RoleCall", website: str | None = None,
             version: str = "1.0.0") -> dict:  # fmt: skip
    if not GUID.match(bot_id or ""):
        raise PackageError(f"The bot id must be the Azure bot's app id, a GUID; got {bot_id!r}.")
    site = (website or "https://rolecall.example.com").rstrip("/")
    if urlparse(site).scheme != "https":
        raise PackageError(f"The website must be an https:// address; got {site!r}.")
    commands = [{"title": t, "description": d} for t, d in COMMANDS]
    return {
        "$schema": SCHEMA,
        "manifestVersion": MANIFEST_VERSION,
        "version": version,
        "id": bot_id,
        "developer": {
            "name": name[:32],
            "websiteUrl": site,
            "privacyUrl": f"{site}/privacy",
            "termsOfUseUrl": f"{site}/terms",
        },
        "name": {"short": name[:30], "full": f"{name} — who owns what"[:100]},
        "description": {
            "short": "Product vs project manager ownership, tasks, standups and reminders"[:80],
            "full": (
                "RoleCall keeps a team's product manager and project manager responsibilities "
                "straight. Log tasks, ask who owns a decision (role, person, reason and who to "
                "consult), get a daily standup digest in a channel, and let the right manager "
                "hear about deadlines and scope drift."
            ),
        },
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": ACCENT,
        "bots": [
            {
                "botId": bot_id,
                "scopes": list(SCOPES),
                "supportsFiles": False,
                "isNotificationOnly": False,
                "commandLists": [{"scopes": list(SCOPES), "commands": commands}],
            }
        ],
        "validDomains": [urlparse(site).netloc],
    }


def package(bot_id: str, name: str = "RoleCall", website: str | None = None) -> bytes:
    """The zip Teams accepts: manifest.json and the icons it names, at the top level."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest(bot_id, name, website), indent=2))
        archive.writestr("color.png", icon(192, _rgb(ACCENT)))
        archive.writestr("outline.png", icon(32, None))
    return buffer.getvalue()


def icon(size: int, background: tuple[int, int, int] | None) -> bytes:
    """A white person on `background`, or on full transparency when it is None (the outline
    icon: Teams allows only white and transparent there). The person keeps to the middle
    half, the safe area Teams asks of colour icons."""
    rows = []
    for y in range(size):
        row = bytearray([0])  # PNG filter: none
        for x in range(size):
            if _person(x + 0.5, y + 0.5, size):
                row += bytes((255, 255, 255, 255))
            elif background:
                row += bytes((*background, 255))
            else:
                row += bytes((0, 0, 0, 0))
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    pixels = zlib.compress(b"".join(rows), 9)
    chunks = _chunk(b"IHDR", header) + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def _person(x: float, y: float, size: int) -> bool:
    """A head and shoulders, in a unit square scaled to the icon."""
    u, v = x / size, y / size
    if size > 64:  # the colour icon: inside its 50% safe area
        u, v = (u - 0.25) * 2, (v - 0.25) * 2
    head = (u - 0.5) ** 2 + (v - 0.3) ** 2 <= 0.17**2
    shoulders = v <= 0.95 and ((u - 0.5) / 0.38) ** 2 + ((v - 0.95) / 0.42) ** 2 <= 1
    return head or shoulders


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = int(hex_colour.lstrip("#"), 16)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255
