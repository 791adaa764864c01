"""gunicorn settings for a production duban (`gunicorn -c deploy/gunicorn.conf.py duban.wsgi:application`).

Every value can be overridden from the environment (the systemd unit's EnvironmentFile, or `make serve`).
Logs go to stderr as one JSON object per line (journald keeps them), access lines included.
"""

import multiprocessing
import os

wsgi_app = "duban.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threaded workers (docs/decisions/0016-threaded-gunicorn-workers.md): 2 per core plus one, as gunicorn advises,
# each with a few threads; a thread holds one database connection while it answers. A sync worker waits, after
# every answer, for the client to close its end (gunicorn 27's lingering close) and serves one connection at a
# time: a slow phone on the deadline day held a whole worker. A thread keeps the connection open for the next
# request (nginx's upstream keepalive) and the others go on meanwhile.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 9)))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # a table import is read in the background
graceful_timeout = 30
# longer than nginx's upstream keepalive_timeout (60 s): the proxy, not gunicorn, ends an idle connection, so it
# never sends a request on one gunicorn has just closed
keepalive = 75
# A worker is replaced after this many requests, so a slow leak never grows for months.
max_requests = 2000
max_requests_jitter = 200
# nginx on the same machine sets X-Forwarded-Proto; only it is trusted to.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "ops.logs.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": loglevel.upper(), "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
