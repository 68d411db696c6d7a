"""Serve a sample council by hand: ``python -m samplecouncil --port 8001`` (``--cmis`` for Fenwick Vale)."""

from __future__ import annotations

import argparse
import time

from .amended import PHASES
from .cmis_site import CmisSite
from .server import SampleSite


def main(argv: list[str] | None = None) -> None:
    """Run the sample site in the foreground until interrupted."""
    parser = argparse.ArgumentParser(
        description="Serve a sample council website (Harrowdale, or Fenwick Vale with --cmis).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--base-path", default="/", help='mount below a directory, e.g. "/democracy/"')
    parser.add_argument("--quiet", action="store_true", help="do not log requests")
    parser.add_argument("--cmis", action="store_true", help="serve Fenwick Vale, the CMIS-shaped council")
    parser.add_argument("--phase", choices=PHASES, default="draft",
                        help="Harrowdale as of its date (draft), or weeks on, when the Planning Committee's "
                             "draft minutes are approved with edits (approved)")
    args = parser.parse_args(argv)
    if args.cmis:
        site: CmisSite | SampleSite = CmisSite(args.host, args.port, base_path=args.base_path,
                                               verbose=not args.quiet)
    else:
        site = SampleSite(args.host, args.port, base_path=args.base_path, verbose=not args.quiet,
                          phase=args.phase)
    site.start()
    where = site.cmis_url if isinstance(site, CmisSite) else site.url
    print(f"Serving the sample council at {where}  (Ctrl-C to stop)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        site.stop()


if __name__ == "__main__":
    main()
