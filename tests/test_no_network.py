"""The suite's own guard: tests cannot reach the internet, only this machine."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from tests.no_network import NetworkDisabledInTests


def test_a_remote_name_cannot_be_looked_up():
    with pytest.raises(NetworkDisabledInTests):
        socket.getaddrinfo("login.microsoftonline.com", 443)


def test_a_remote_address_cannot_be_reached():
    with pytest.raises(requests.ConnectionError):
        requests.get("https://login.microsoftonline.com/common/v2.0", timeout=1)
    with socket.socket() as sock, pytest.raises(NetworkDisabledInTests):
        sock.connect(("192.0.2.1", 80))


def test_this_machine_can_be_reached():
    class Hello(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        assert requests.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 204
        assert requests.get(f"http://localhost:{port}/", timeout=5).status_code == 204
    finally:
        server.shutdown()
        server.server_close()
