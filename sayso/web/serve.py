"""`sayso serve`: the web UI over snapshots of a corpus file, on a port bound first.

The port is bound before anything is printed, so a busy port is one clear
error (`PortInUseError`, exit 4) rather than "serving on ..." then a traceback.
"""
from __future__ import annotations

import errno
import signal
import socket
from collections.abc import Callable
from pathlib import Path

import uvicorn

from ..errors import PortInUseError, UsageError
from .app import create_app
from .snapshot import Snapshots


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or a one-line error."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise PortInUseError(f"cannot serve on {host}:{port}: the port is in use "
                                 "(another server?); choose another with --port") from None
        raise UsageError(f"cannot serve on {host}:{port}: {exc.strerror}") from None
    except socket.gaierror as exc:
        raise UsageError(f"cannot serve on {host}:{port}: {exc.strerror}") from None
    sock.listen(128)
    return sock


def serve_corpus(db: str | Path, host: str, port: int,
                 on_ready: Callable[[str], None] = lambda url: None) -> None:
    """Serve the corpus until interrupted; an ingest's data shows up once it finished."""
    snapshots = Snapshots(db)
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        sock = bind(host, port)
        actual = sock.getsockname()[1]
        on_ready(f"http://{host}:{actual}/")
        config = uvicorn.Config(create_app(snapshots), log_level="warning")
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        snapshots.close()


def _stop(signum: int, frame: object) -> None:
    """SIGTERM after uvicorn shut down (it re-raises it): exit 0, removing the snapshot."""
    raise SystemExit(0)
