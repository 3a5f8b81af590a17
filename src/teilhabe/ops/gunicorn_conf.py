"""Gunicorn settings for the production web server (`make run`, deploy/systemd/teilhabe-web).

`gunicorn -c python:teilhabe.ops.gunicorn_conf teilhabe.wsgi`. The access log names the path
without its query string (`%(U)s`, never `%(r)s` or `%(q)s`) and no referer: a search term
(a person's name) must not reach a log line.
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("TEILHABE_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("TEILHABE_WEB_WORKERS", min(4, multiprocessing.cpu_count() * 2 + 1)))
# One thread per worker (gunicorn's sync worker): the pages are CPU-bound in Python, and
# threads in one process wait on each other's interpreter lock. Measured on the 2-core
# machine with 8 clients on the person page (docs/performance.md): 4 workers × 1 thread
# 46.8 requests/s, p95 248 ms; × 2 threads 40.5 requests/s, p95 473 ms. A slow client
# holds no worker because the reverse proxy buffers the answers.
threads = int(os.environ.get("TEILHABE_WEB_THREADS", "1"))
timeout = int(os.environ.get("TEILHABE_WEB_TIMEOUT", "60"))
graceful_timeout = 10
# Behind the reverse proxy only (it sets X-Forwarded-Proto, the settings trust it).
forwarded_allow_ips = os.environ.get("TEILHABE_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("TEILHABE_ACCESS_LOG", "-")
errorlog = "-"
access_log_format = '%({x-request-id}o)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
# Gunicorn's control socket would live in the service user's home (read-only under systemd).
control_socket_disable = True
