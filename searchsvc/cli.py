"""The `minutes` command: crawl, extract, index, serve, search, parse, and the all-in-one demo."""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

import click

from crawler.crawl import Crawler, council_id_from_url
from crawler.extract import extract, save_council_info
from crawler.fetch import FetchError, FetchSettings, PoliteSession
from crawler.parsers import ParseError
from crawler.records import Council, councils_with_records, to_dict
from index.build import IndexUnavailable, current_generation, update_index
from searchsvc.settings import Settings

log = logging.getLogger("minutes")

SAMPLE_COUNCIL = "sample"
SAMPLE_NAME = "Harrowdale Borough Council (sample)"

data_option = click.option(
    "--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), envvar="MINUTES_DATA_DIR",
    default="data", show_default=True, help="Where raw pages, records and the index live.")


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log every page fetched.")
def main(verbose: bool) -> None:
    """Minutes: search over council minutes archives."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("minutes").setLevel(logging.INFO)


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def _progress(stats, queued: int) -> None:
    if sys.stderr.isatty():
        click.echo(f"\r  fetched {stats.fetched} (changed {stats.changed}), reused {stats.reused}, "
                   f"queued {queued}, errors {stats.errors}   ", nl=False, err=True)


def run_crawl(url: str, data_dir: Path, council: str, name: str, settings: FetchSettings,
              max_pages: int | None = None):
    save_council_info(data_dir, Council(council, name, url))
    with PoliteSession(settings) as session:
        crawler = Crawler(url, data_dir, council, session, max_pages=max_pages, progress=_progress)
        stats = crawler.run()
    if sys.stderr.isatty():
        click.echo("", err=True)
    return stats


@main.command()
@click.argument("url")
@data_option
@click.option("--council", "council", help="Id for this council (default: from the host name).")
@click.option("--name", help="The council's name as people know it.")
@click.option("--delay", type=float, default=FetchSettings.delay_seconds, show_default=True,
              help="Seconds between two requests to the council's site.")
@click.option("--max-pages", type=int, help="Stop after fetching this many pages (the rest stays queued).")
@click.option("--user-agent", default=FetchSettings.user_agent, show_default=True)
def crawl(url: str, data_dir: Path, council: str | None, name: str | None, delay: float,
          max_pages: int | None, user_agent: str) -> None:
    """Fetch a council's minutes pages from its ModernGov site into the raw store."""
    council = council or council_id_from_url(url)
    stats = run_crawl(url, data_dir, council, name or council, FetchSettings(
        delay_seconds=delay, user_agent=user_agent), max_pages)
    click.echo(f"crawl {council}: {stats.summary()}")
    if stats.fetched == 0 and stats.reused == 0:
        _fail(f"nothing could be fetched from {url}: " + "; ".join(stats.error_messages[:3]))


@main.command("extract")
@data_option
@click.option("--council", "councils", multiple=True, help="Only this council (default: all crawled).")
def extract_cmd(data_dir: Path, councils: tuple[str, ...]) -> None:
    """Parse the stored pages into records (no network needed)."""
    raw = data_dir / "raw"
    names = councils or tuple(sorted(p.name for p in raw.iterdir())) if raw.exists() else ()
    if not names:
        _fail(f"nothing has been crawled into {data_dir} yet: run `minutes crawl URL` first.")
    for council in names:
        stats = extract(data_dir, council)
        click.echo(f"extract {council}: {stats.summary()}")


@main.command("index")
@data_option
@click.option("--rebuild", is_flag=True, help="Build a fresh index, then switch to it.")
def index_cmd(data_dir: Path, rebuild: bool) -> None:
    """Bring the search index up to date with the extracted records."""
    if not councils_with_records(data_dir):
        _fail(f"there are no records in {data_dir} yet: run `minutes extract` first.")
    stats = update_index(data_dir, rebuild=rebuild)
    click.echo(f"index: {stats.summary()}")


def serve_app(data_dir: Path, host: str, port: int, on_ready=None) -> None:
    import waitress

    from searchsvc import create_app

    settings = Settings.from_env(data_dir=data_dir, host=host, port=port)
    app = create_app({"MINUTES_SETTINGS": {"data_dir": data_dir, "host": host, "port": port}})
    server = waitress.create_server(app, host=host, port=port, threads=settings.threads)
    click.echo(f"Minutes is serving at http://{host}:{server.effective_port}/  (Ctrl-C to stop)")
    if on_ready:
        on_ready(server)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


@main.command()
@data_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
def serve(data_dir: Path, host: str, port: int) -> None:
    """Serve the search site and JSON API (waitress)."""
    if current_generation(data_dir / "index") is None:
        _fail(f"there is no index in {data_dir}: run `minutes index` first (or `minutes demo`).")
    serve_app(data_dir, host, port)


@main.command()
@click.argument("query", nargs=-1)
@data_option
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON (the web API's shape).")
@click.option("--page", type=int, default=1)
def search(query: tuple[str, ...], data_dir: Path, as_json: bool, page: int) -> None:
    """Search the index from the command line."""
    from index.search import SearchIndex
    from searchsvc.params import MultiArgs, ParamError, parse_search_args
    from searchsvc.shapes import search_json

    try:
        req = parse_search_args(MultiArgs({"q": " ".join(query), "page": str(page)}))
        result = SearchIndex(data_dir / "index").search(req)
    except (ParamError, IndexUnavailable) as exc:
        _fail(str(exc))
    data = search_json(result)
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(f"{result.total_items} items ({result.total_paragraphs} paragraphs)")
    for hit in result.hits:
        who = ", ".join(s["name"] for s in hit.speakers)
        click.echo(f"\n{hit.date}  {hit.committee_name}  {hit.minute_number}. {hit.title}"
                   + (f"  [{who}]" if who else ""))
        click.echo(f"  {hit.text[:200]}")
        click.echo(f"  {hit.source_url}")


@main.command()
@click.argument("file_or_url")
@click.option("--url", help="The URL the page was published at (ModernGov page kinds come from it).")
@click.option("--council", default="council", show_default=True, help="Council id used in record ids.")
def parse(file_or_url: str, url: str | None, council: str) -> None:
    """Print the records parsed from one page, as JSON."""
    from crawler.parsers import moderngov

    if file_or_url.startswith(("http://", "https://")):
        try:
            with PoliteSession() as session:
                body = session.get(file_or_url).body
        except FetchError as exc:
            _fail(str(exc))
        url = url or file_or_url
    else:
        path = Path(file_or_url)
        if not path.exists():
            _fail(f"no such file: {path}")
        body = path.read_bytes()
        url = url or path.resolve().as_uri()
    try:
        page = moderngov.parse(body, url, council)
    except ParseError as exc:
        _fail(str(exc))
    out = {"kind": page.kind, "url": page.url, "records": [to_dict(r) for r in page.records],
           "links": [{"url": link.url, "kind": link.kind} for link in page.links]}
    click.echo(json.dumps(out, indent=2, ensure_ascii=False))


@main.command()
@data_option
@click.option("--port", type=int, default=8000, show_default=True, help="Port of the search site.")
@click.option("--site-port", type=int, default=8001, show_default=True,
              help="Port of the built-in sample council's website.")
def demo(data_dir: Path, port: int, site_port: int) -> None:
    """Serve, crawl, index and search the built-in sample council, all on 127.0.0.1."""
    from samplecouncil.server import SampleSite

    site = SampleSite(port=site_port)
    try:
        site.start()
    except OSError:
        site = SampleSite(port=0)
        site.start()
    try:
        click.echo(f"Sample council website: {site.url}")
        have_index = current_generation(data_dir / "index") is not None
        if have_index and SAMPLE_COUNCIL in councils_with_records(data_dir):
            click.echo(f"Reusing the crawl and index in {data_dir} (delete it to start afresh).")
        else:
            t0 = time.monotonic()
            # Our own local site: no politeness delay (real councils always get one).
            stats = run_crawl(site.url, data_dir, SAMPLE_COUNCIL, SAMPLE_NAME,
                              FetchSettings(delay_seconds=0.0))
            t1 = time.monotonic()
            click.echo(f"crawl: {stats.summary()}")
            ex = extract(data_dir, SAMPLE_COUNCIL)
            t2 = time.monotonic()
            click.echo(f"extract: {ex.summary()} in {t2 - t1:.1f} s")
            ix = update_index(data_dir)
            click.echo(f"index: {ix.summary()}")
            click.echo(f"ready in {time.monotonic() - t0:.1f} s")
        serve_app(data_dir, "127.0.0.1", port)
    finally:
        site.stop()


if __name__ == "__main__":
    main()
