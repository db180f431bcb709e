"""aiohttp's access log without query strings: an OAuth redirect's `code` and `state` must
not reach the logs."""

from aiohttp.abc import AbstractAccessLogger


class PathOnlyAccessLogger(AbstractAccessLogger):
    def log(self, request, response, time: float) -> None:
        self.logger.info('%s "%s %s" %s %.3fs', request.remote, request.method, request.path,
                         response.status, time)  # fmt: skip
