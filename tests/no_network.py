"""No test reaches beyond this machine: a connection or name lookup for any other host
fails at once, as if the network were down, so a test that forgot to stand in for a
remote service fails loudly instead of depending on the internet (and its timeouts)."""

from __future__ import annotations

import ipaddress
import socket

LOCAL_NAMES = {"localhost", "testserver", ""}


class NetworkDisabledInTests(OSError):
    pass


def _is_local(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode()
    if host is None or host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def disable_network() -> None:
    """Patch the socket module for this process (each pytest-xdist worker is one)."""
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def getaddrinfo(host, *args, **kwargs):
        if not _is_local(host):
            raise NetworkDisabledInTests(f"tests may not look up {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    def _check(sock, address) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
            raise NetworkDisabledInTests(f"tests may not connect to {address[0]!r}")

    def connect(sock, address):
        _check(sock, address)
        return real_connect(sock, address)

    def connect_ex(sock, address):
        _check(sock, address)
        return real_connect_ex(sock, address)

    socket.getaddrinfo = getaddrinfo
    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
