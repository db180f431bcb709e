"""`rolecall teams-package`: a zip Teams accepts, checked against manifest schema 1.17."""

import json
import os
import re
import struct
import subprocess
import zipfile
import zlib

from tests.e2e.conftest import ROLECALL
from tests.teams.conftest import APP_ID

GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
TOP_LEVEL = {"manifestVersion", "version", "id", "developer", "name", "description", "icons",
             "accentColor"}  # fmt: skip
BOT_FIELDS = {"botId", "scopes", "needsChannelSelector", "isNotificationOnly", "supportsFiles",
              "supportsCalling", "supportsVideo", "commandLists", "configuration"}  # fmt: skip


def package(tmp_path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    out = tmp_path / "rolecall-teams.zip"
    return subprocess.run([ROLECALL, "teams-package", "--out", str(out), *args],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, **(env or {})})  # fmt: skip


def pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGBA rows of an unfiltered 8-bit RGBA PNG."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", png[16:26])
    assert (depth, colour) == (8, 6)
    data, at = b"", 8
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at : at + 8])
        if kind == b"IDAT":
            data += png[at + 8 : at + 8 + length]
        at += 12 + length
    raw = zlib.decompress(data)
    stride = 1 + 4 * width
    return width, height, [raw[i * stride + 1 : (i + 1) * stride] for i in range(height)]


def test_the_package_holds_a_valid_manifest_and_both_icons(tmp_path):
    done = package(tmp_path, "--url", "https://rolecall.acme.io", env={"MicrosoftAppId": APP_ID})
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(tmp_path / "rolecall-teams.zip") as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json"))
        color, outline = archive.read("color.png"), archive.read("outline.png")
    assert manifest.keys() >= TOP_LEVEL
    assert manifest["manifestVersion"] == "1.17" and "/v1.17/" in manifest["$schema"]
    assert GUID.match(manifest["id"]) and manifest["bots"][0]["botId"] == APP_ID
    assert len(manifest["name"]["short"]) <= 30 and len(manifest["name"]["full"]) <= 100
    assert len(manifest["description"]["short"]) <= 80
    assert len(manifest["description"]["full"]) <= 4000
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", manifest["accentColor"])
    developer = manifest["developer"]
    assert len(developer["name"]) <= 32
    assert all(developer[k].startswith("https://rolecall.acme.io")
               for k in ("websiteUrl", "privacyUrl", "termsOfUseUrl"))  # fmt: skip
    assert manifest["validDomains"] == ["rolecall.acme.io"]
    [bot] = manifest["bots"]
    assert bot.keys() <= BOT_FIELDS
    assert sorted(bot["scopes"]) == ["groupChat", "personal", "team"]
    assert 1 <= len(bot["commandLists"]) <= 3
    for command_list in bot["commandLists"]:
        assert set(command_list["scopes"]) <= {"team", "personal", "groupChat"}
        assert 1 <= len(command_list["commands"]) <= 10
        for command in command_list["commands"]:
            assert command.keys() == {"title", "description"}
            assert len(command["title"]) <= 32 and len(command["description"]) <= 128
    assert pixels(color)[:2] == (192, 192)
    width, height, rows = pixels(outline)
    assert (width, height) == (32, 32)
    colours = {bytes(row[i : i + 4]) for row in rows for i in range(0, len(row), 4)}
    assert colours == {b"\xff\xff\xff\xff", b"\x00\x00\x00\x00"}  # white on transparency


def test_without_a_bot_id_or_with_a_bad_one_it_says_what_it_needs(tmp_path):
    env = {"MicrosoftAppId": ""}
    missing = package(tmp_path, env=env)
    assert missing.returncode == 2 and "--bot-id" in missing.stderr
    wrong = package(tmp_path, "--bot-id", "not-a-guid", env=env)
    assert wrong.returncode == 2 and "GUID" in wrong.stderr
    insecure = package(tmp_path, "--bot-id", APP_ID, "--url", "http://plain.example", env=env)
    assert insecure.returncode == 2 and "https" in insecure.stderr
    assert not (tmp_path / "rolecall-teams.zip").exists()
