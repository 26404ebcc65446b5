"""gunicorn's settings for hocvuso: `gunicorn -c python:hocvuso.gunicorn_conf hocvuso.wsgi`.

The systemd unit (deploy/systemd/hocvuso-web.service), the container (deploy/Dockerfile) and
`make prod-check` all start the server this way; the address comes on the command line
(--bind). WEB_CONCURRENCY sets the number of processes, as gunicorn reads it itself.
"""

import os

# Two processes of eight threads each answer 16 requests at once on a 2-core machine: the pages
# and the API wait mostly on the database (a visit logged from a phone makes some fifteen
# round trips), and the report's DOCX takes a few seconds of one thread. With four threads,
# 50 phones posting visits at once got about half the throughput and twice the p95 latency
# (bench/api_load.py, bench/README.md); each thread keeps its own database connection.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# A report rendered to PDF by LibreOffice may take half a minute on a busy machine.
timeout = 120
graceful_timeout = 30
# Each process is replaced after about a thousand requests, so that memory a long report
# took is given back; the jitter keeps the processes from restarting together.
max_requests = 1000
max_requests_jitter = 100
# One line a request on standard output (journald keeps it), plus the request's id.
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms id=%({x-request-id}o)s'
# The proxy runs on the same machine and connects over loopback; only its X-Forwarded-*
# headers are believed (Django reads X-Forwarded-Proto through SECURE_PROXY_SSL_HEADER and
# the client's address through TRUSTED_PROXY_COUNT).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
