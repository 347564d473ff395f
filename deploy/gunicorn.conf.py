"""gunicorn settings for one Vindplek instance (deploy/README.md).

Each instance is one gunicorn master on its own loopback port; nginx spreads requests over the
instances and retries another when one is restarting or gone. The port comes from
VINDPLEK_BIND (systemd: vindplek@<port>.service sets it), the worker count from
VINDPLEK_WORKERS.
"""

import os
import sys
from pathlib import Path

bind = os.environ.get("VINDPLEK_BIND", "127.0.0.1:8101")
workers = int(os.environ.get("VINDPLEK_WORKERS", "2"))
# Load the application once in the master, before forking: a broken release fails at start,
# not on the first request, and the workers share the loaded code's memory.
preload_app = True
# On SIGTERM a worker finishes the request it is serving (at most this long), then stops; the
# master closes its listening socket first, so nginx gets "connection refused" for new requests
# and sends them to the other instance.
graceful_timeout = 20
timeout = 30
# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = os.environ.get("VINDPLEK_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("VINDPLEK_GUNICORN_LOG_LEVEL", "warning")
# nginx on the same machine is the only client; its X-Forwarded-* headers are trusted by the
# application through VINDPLEK_PROXY_COUNT, not by gunicorn.
forwarded_allow_ips = "127.0.0.1"

# The status line and headers leave in one write with the body, so an instance that dies
# mid-answer has sent nginx nothing it cannot retry elsewhere (deploy/whole_response.py).
# deploy/ is not an installed package: it is found beside this file, whatever the directory.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from deploy.whole_response import install  # noqa: E402

install()
