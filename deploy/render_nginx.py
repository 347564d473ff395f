"""Write Vindplek's nginx site file from the template deploy/nginx/vindplek.conf.

    python deploy/render_nginx.py --instances 127.0.0.1:8101 127.0.0.1:8102 \
        --static-root /srv/vindplek/static --listen "443 ssl" --server-name vindplek.example.nl \
        --tls-certificate /etc/ssl/vindplek.pem --tls-key /etc/ssl/vindplek.key > vindplek.conf

Used by hand in production and by deploy/check.py on the loopback address.
"""

import argparse
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx" / "vindplek.conf"
# After a failed connection nginx leaves an instance alone this long. A rolling restart waits
# longer than this after one instance is back before it restarts the next
# (deploy/rolling-restart.sh, deploy/check.py); otherwise both could be marked down at once.
FAIL_TIMEOUT_SECONDS = 3


def render(
    *,
    instances: list[str],
    static_root: str,
    listen: str,
    server_name: str = "_",
    tls_certificate: str = "",
    tls_key: str = "",
) -> str:
    """The site file for these gunicorn instances (host:port each)."""
    servers = "\n".join(
        f"    server {address} max_fails=1 fail_timeout={FAIL_TIMEOUT_SECONDS}s;"
        for address in instances
    )
    tls = ""
    if tls_certificate:
        tls = (
            f"    ssl_certificate {tls_certificate};\n"
            f"    ssl_certificate_key {tls_key};\n"
            "    ssl_protocols TLSv1.2 TLSv1.3;\n"
        )
    values = {
        "UPSTREAM_SERVERS": servers,
        "LISTEN": listen,
        "SERVER_NAME": server_name,
        "TLS_LINES": tls,
        "STATIC_ROOT": static_root.rstrip("/"),
    }
    # {{NAME}} placeholders: nginx itself uses $name, so string.Template would clash with it.
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", nargs="+", required=True)
    parser.add_argument("--static-root", required=True)
    parser.add_argument("--listen", default="80")
    parser.add_argument("--server-name", default="_")
    parser.add_argument("--tls-certificate", default="")
    parser.add_argument("--tls-key", default="")
    args = parser.parse_args()
    sys.stdout.write(
        render(
            instances=args.instances,
            static_root=args.static_root,
            listen=args.listen,
            server_name=args.server_name,
            tls_certificate=args.tls_certificate,
            tls_key=args.tls_key,
        )
    )


if __name__ == "__main__":
    main()
