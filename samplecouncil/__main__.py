"""Serve the sample council by hand: ``python -m samplecouncil --port 8001``."""

from __future__ import annotations

import argparse
import time

from .server import SampleSite


def main(argv: list[str] | None = None) -> None:
    """Run the sample site in the foreground until interrupted."""
    parser = argparse.ArgumentParser(description="Serve the Harrowdale sample council website.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--base-path", default="/", help='mount below a directory, e.g. "/democracy/"')
    parser.add_argument("--quiet", action="store_true", help="do not log requests")
    args = parser.parse_args(argv)
    site = SampleSite(args.host, args.port, base_path=args.base_path, verbose=not args.quiet)
    site.start()
    print(f"Serving the sample council at {site.url}  (Ctrl-C to stop)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        site.stop()


if __name__ == "__main__":
    main()
