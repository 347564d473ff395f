"""`make run` writes the development settings into the git-ignored `.env` that manage.py reads.

Usage: python -m vindplek.devenv --port 8010. The file gets DJANGO_DEBUG=1 (unless it already
says otherwise) and VINDPLEK_SITE_URL for the port the server is about to listen on, so links in
mails from a command in another terminal point at that server. Every other line is kept.
"""

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = "# Written by `make run` for local development (git-ignored; see README, Configuration)."


def dev_env_lines(existing: list[str], *, port: int, host: str = "127.0.0.1") -> list[str]:
    """The lines of .env after setting the development values; other lines stay as they were."""
    managed = {"VINDPLEK_SITE_URL": f"http://{host}:{port}"}
    lines, seen = [], set()
    for line in existing:
        key = line.split("=", 1)[0].strip() if "=" in line and not line.startswith("#") else ""
        if key in managed:
            line = f"{key}={managed[key]}"
        seen.add(key)
        lines.append(line)
    if not lines:
        lines.append(HEADER)
    if "DJANGO_DEBUG" not in seen:
        lines.append("DJANGO_DEBUG=1")
    lines += [f"{key}={value}" for key, value in managed.items() if key not in seen]
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--file", type=Path, default=ROOT / ".env")
    args = parser.parse_args(argv)
    if not 0 < args.port < 65536:
        parser.error(f"geen geldig poortnummer: {args.port}")
    existing = args.file.read_text().splitlines() if args.file.exists() else []
    args.file.write_text("\n".join(dev_env_lines(existing, port=args.port)) + "\n")


if __name__ == "__main__":
    main()
