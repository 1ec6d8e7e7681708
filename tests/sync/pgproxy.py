"""A TCP proxy in front of PostgreSQL that can lose the acknowledgement of a COMMIT.

The proxy forwards bytes both ways and reads the server's stream as protocol v3
messages (type byte, int32 length including itself). It notes each connection's
backend pid (BackendKeyData, ``K``). While armed, a CommandComplete (``C``) tagged
``COMMIT`` is not forwarded: the backend is ended with ``pg_terminate_backend`` over
a separate admin connection and the client's socket is closed, so the server has
committed and the client only sees a broken connection.

Clients must connect with ``sslmode=disable`` and ``gssencmode=disable`` (``url``
adds both), so that the server's answer is typed messages from the first byte.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import threading
import time
from collections.abc import Callable
from types import TracebackType

import psycopg
from sqlalchemy.engine import make_url

#: Request codes a client sends instead of a StartupMessage to negotiate encryption.
ENCRYPTION_REQUESTS = {80877103: "SSLRequest", 80877104: "GSSENCRequest"}
CHUNK = 65536
ALIVE = "SELECT 1 FROM pg_stat_activity WHERE pid = %s"
JOIN_TIMEOUT = 5.0


class ProtocolBroken(Exception):
    """The server's stream is not a sequence of protocol v3 messages."""


def _shut(sock: socket.socket) -> None:
    """Shut a socket down both ways (wakes a thread blocked in recv); never raises."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class _Link:
    """One client connection and its connection to the server, pumped by two threads."""

    def __init__(self, proxy: PgProxy, client: socket.socket, server: socket.socket) -> None:
        self.proxy = proxy
        self.client = client
        self.server = server
        self.pid: int | None = None
        self._lock = threading.Lock()
        self._closed = False
        self._running = 2
        self.threads = [
            threading.Thread(target=self._pump, args=(self._upstream,), daemon=True),
            threading.Thread(target=self._pump, args=(self._downstream,), daemon=True),
        ]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def halt(self) -> None:
        """Break both connections; the pumps then end and close the sockets."""
        with self._lock:
            if not self._closed:
                _shut(self.client)
                _shut(self.server)

    def _pump(self, direction: Callable[[], None]) -> None:
        try:
            direction()
        except OSError:
            pass  # a peer went away or the proxy is closing
        except Exception as err:  # reported by PgProxy.close, never lost in a thread
            self.proxy.errors.append(err)
        finally:
            self.halt()
            with self._lock:
                self._running -= 1
                last = self._running == 0
                if last:  # the other pump is done with the sockets too
                    self._closed = True
                    self.client.close()
                    self.server.close()
            if last:
                self.proxy._forget(self)

    def _upstream(self) -> None:
        """Client to server, unchanged; refuses an encryption request (unparsable answer)."""
        first = b""
        while len(first) < 8:
            data = self.client.recv(8 - len(first))
            if not data:
                return
            first += data
        code = int.from_bytes(first[4:8], "big")
        if code in ENCRYPTION_REQUESTS:
            raise ProtocolBroken(
                f"client sent {ENCRYPTION_REQUESTS[code]}: connect with "
                "sslmode=disable and gssencmode=disable"
            )
        self.server.sendall(first)
        while data := self.client.recv(CHUNK):
            self.server.sendall(data)

    def _downstream(self) -> None:
        """Server to client, whole messages only; withholds a COMMIT's completion if armed."""
        buf = bytearray()
        while data := self.server.recv(CHUNK):
            buf += data
            pos = 0
            while len(buf) - pos >= 5:
                kind = buf[pos]
                length = int.from_bytes(buf[pos + 1 : pos + 5], "big")
                if length < 4:
                    raise ProtocolBroken(f"message {kind!r} with length {length}")
                end = pos + 1 + length
                if end > len(buf):
                    break  # the rest of this message comes with a later recv
                if kind == ord("K"):
                    self.pid = int.from_bytes(buf[pos + 5 : pos + 9], "big")
                    self.proxy._seen(self.pid)
                elif (
                    kind == ord("C")
                    and buf[pos + 5 : end - 1] == b"COMMIT"
                    and self.proxy._claim_cut(self)
                ):
                    self.client.sendall(buf[:pos])
                    self.proxy._terminate(self)
                    return  # _pump halts both sockets: the client sees a dead server
                pos = end
            if pos:
                self.client.sendall(buf[:pos])
                del buf[:pos]


class PgProxy:
    """A proxy on 127.0.0.1:<free port> to a PostgreSQL server; ``arm`` cuts COMMITs."""

    def __init__(self, host: str, port: int, admin_conninfo: str) -> None:
        self.upstream = (host, port)
        self.errors: list[BaseException] = []
        self.commits = 0
        self.cuts = 0
        self.connections = 0
        self.pids: list[int] = []  # backend pids, in the order the connections were made
        self.terminated: list[tuple[int, bool]] = []
        self._admin_conninfo = admin_conninfo
        self._admin: psycopg.Connection | None = None
        self._lock = threading.Lock()
        self._admin_lock = threading.Lock()
        self._armed = 0
        self._when: Callable[[int | None], bool] | None = None
        self._links: set[_Link] = set()
        self._threads: list[threading.Thread] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._wake_r, self._wake_w = socket.socketpair()
        self._acceptor = threading.Thread(target=self._accept_loop, daemon=True)

    @classmethod
    def to(cls, url: str, admin_conninfo: str) -> PgProxy:
        """A proxy to the server of a SQLAlchemy URL."""
        parsed = make_url(url)
        return cls(parsed.host or "127.0.0.1", parsed.port or 5432, admin_conninfo)

    def url(self, url: str) -> str:
        """``url`` pointed at the proxy, with encryption negotiation off."""
        return (
            make_url(url)
            .set(host="127.0.0.1", port=self.port)
            .update_query_dict({"sslmode": "disable", "gssencmode": "disable"})
            .render_as_string(hide_password=False)
        )

    # ------------------------------------------------------------- control
    def start(self) -> PgProxy:
        """Open the admin connection and start accepting."""
        try:
            self._admin = psycopg.connect(self._admin_conninfo, autocommit=True)
        except psycopg.Error:
            self.close()  # no socket left open
            raise
        self._acceptor.start()
        return self

    def arm(self, times: int = 1, when: Callable[[int | None], bool] | None = None) -> None:
        """Cut the next ``times`` COMMITs (of backends whose pid ``when`` accepts;
        ``when`` runs under the proxy's lock and must not call the proxy)."""
        with self._lock:
            self._armed, self._when = times, when

    def disarm(self) -> None:
        self.arm(0)

    def close(self) -> None:
        """Stop accepting, break every connection, join every thread; raise a thread's error."""
        if self._acceptor.is_alive():
            self._wake_w.send(b"x")
            self._acceptor.join(JOIN_TIMEOUT)
        else:
            self._listener.close()
        with self._lock:
            links = list(self._links)
        for link in links:
            link.halt()
        for thread in self._threads:
            thread.join(JOIN_TIMEOUT)
        stuck = [thread.name for thread in self._threads if thread.is_alive()]
        self._wake_r.close()
        self._wake_w.close()
        if self._admin is not None:
            self._admin.close()
        if stuck or self._acceptor.is_alive():
            raise RuntimeError(f"proxy threads did not end: {stuck}")
        if self.errors:
            raise self.errors[0]

    def __enter__(self) -> PgProxy:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------ internals
    def _accept_loop(self) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(self._listener, selectors.EVENT_READ)
            selector.register(self._wake_r, selectors.EVENT_READ)
            try:
                while True:
                    ready = [key.fileobj for key, _ in selector.select()]
                    if self._wake_r in ready:
                        return
                    self._accept()
            except Exception as err:
                self.errors.append(err)
            finally:
                self._listener.close()

    def _accept(self) -> None:
        client, _ = self._listener.accept()
        try:
            server = socket.create_connection(self.upstream, timeout=JOIN_TIMEOUT)
        except OSError:
            client.close()  # the client sees the server as unreachable
            return
        server.settimeout(None)
        for sock in (client, server):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        link = _Link(self, client, server)
        with self._lock:
            self._links.add(link)
            self.connections += 1
        self._threads = [t for t in self._threads if t.is_alive()] + link.threads
        link.start()

    def _forget(self, link: _Link) -> None:
        with self._lock:
            self._links.discard(link)

    def _seen(self, pid: int) -> None:
        with self._lock:
            self.pids.append(pid)

    def _claim_cut(self, link: _Link) -> bool:
        """Count a COMMIT; whether to cut it (uses up one arming)."""
        with self._lock:
            self.commits += 1
            if self._armed <= 0 or (self._when is not None and not self._when(link.pid)):
                return False
            self._armed -= 1
            self.cuts += 1
            return True

    def _terminate(self, link: _Link) -> None:
        """End the link's backend through the admin connection and wait until it is gone
        (``pg_terminate_backend``'s own wait polls every 100 ms: too slow here)."""
        if link.pid is None:
            raise ProtocolBroken("COMMIT on a connection without BackendKeyData")
        assert self._admin is not None
        with self._admin_lock:
            row = self._admin.execute("SELECT pg_terminate_backend(%s)", (link.pid,)).fetchone()
            gone = bool(row and row[0])
            deadline = time.monotonic() + JOIN_TIMEOUT
            while gone and self._admin.execute(ALIVE, (link.pid,)).fetchone():
                if time.monotonic() > deadline:
                    gone = False
                    break
                time.sleep(0.001)
        with self._lock:
            self.terminated.append((link.pid, gone))
