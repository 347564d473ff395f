"""gunicorn's HTTP/1 response, with the status line and headers sent in one write with the body.

Stock gunicorn writes the headers (one `sendall`) and then the body (another). An instance that
dies between the two (SIGKILL, a lost server, the OOM killer) has already given nginx a status
line: nginx has passed it on to the visitor and can no longer try the other instance, so the
visitor gets a cut-off page (`make deploy-check` saw this once in a run: IncompleteRead). Sent
together, the answer reaches nginx whole or not at all, and "not at all" is what nginx retries
(`proxy_next_upstream error timeout`).

Django hands gunicorn each page as one piece, so for every page this is a single write. A body
that comes in several pieces has its headers sent with the first piece that holds bytes; a
response without a body sends them when it closes, as before. deploy/gunicorn.conf.py installs
it (`install()`); tests/test_whole_response.py shows the difference on a real socket.
"""

from gunicorn import util
from gunicorn.http import wsgi


class WholeResponse(wsgi.Response):
    """Holds the header block back until the first body bytes, then sends both at once."""

    _held = b""

    def send_headers(self):
        if self.headers_sent:
            return
        tosend = self.default_headers()
        tosend.extend(f"{name}: {value}\r\n" for name, value in self.headers)
        self._held = util.to_bytestring("".join(tosend) + "\r\n", "latin-1")
        self.headers_sent = True

    def flush_held(self) -> None:
        held, self._held = self._held, b""
        if held:
            util.write(self.sock, held)

    def _emit_body(self, data):
        if self._held and not data:
            return  # nothing to send yet: keep the headers for the first real bytes
        if self._held and not self.chunked:
            held, self._held = self._held, b""
            self.sock.sendall(held + data)
            return
        self.flush_held()
        super()._emit_body(data)

    def sendfile(self, respiter):
        self.send_headers()
        self.flush_held()
        return super().sendfile(respiter)

    def close(self):
        self.send_headers()
        self.flush_held()
        super().close()


def install() -> None:
    """Make every HTTP/1 response of this gunicorn process a WholeResponse."""
    wsgi.Response = WholeResponse
