"""aiohttp's logs for a public server: the access log without query strings (an OAuth
redirect's `code` and `state` must not reach the logs), and one line, not a traceback that
quotes the request, for a request that is not valid HTTP (a header over 8 KB, say)."""

import logging

from aiohttp.abc import AbstractAccessLogger
from aiohttp.http_exceptions import HttpProcessingError


class PathOnlyAccessLogger(AbstractAccessLogger):
    def log(self, request, response, time: float) -> None:
        self.logger.info('%s "%s %s" %s %.3fs', request.remote, request.method, request.path,
                         response.status, time)  # fmt: skip


def quiet_malformed_requests() -> None:
    logging.getLogger("aiohttp.server").addFilter(_malformed_in_one_line)


def _malformed_in_one_line(record: logging.LogRecord) -> bool:
    error = record.exc_info[1] if record.exc_info else None
    if isinstance(error, HttpProcessingError):
        record.msg = "refused a request that is not valid HTTP: %s (%s)"
        record.args = (type(error).__name__, error.code)
        record.exc_info = record.exc_text = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
    return True
