"""core.pdf: the one WeasyPrint call renders self-contained HTML and fetches nothing."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

from teilhabe.core.pdf import html_to_pdf


def test_a_document_renders_to_pdf_without_loading_any_url_or_local_file(
    tmp_path: Path,
) -> None:
    hits: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    secret = tmp_path / "secret.css"
    secret.write_text("body { background: red; }")
    try:
        port = server.server_address[1]
        html = (
            f'<link rel="stylesheet" href="file://{secret}">'
            f'<p>Text</p><img src="http://127.0.0.1:{port}/canary.png">'
        )
        pdf = html_to_pdf(html)
    finally:
        server.shutdown()
        server.server_close()
    assert pdf.startswith(b"%PDF")
    assert hits == []
