"""The `minutes` command: crawl, extract, index, serve, search, parse, and the all-in-one demo."""

from __future__ import annotations

import errno
import json
import logging
import os
import sys
import threading
import time
from pathlib import Path

import click

from crawler.extract import extract
from crawler.fetch import FetchError, FetchSettings, PoliteSession
from crawler.parsers import ParseError
from crawler.platforms import PLATFORMS
from crawler.records import councils_with_records, to_dict
from index.backend import SearchBackend
from index.factory import open_backend
from index.sizing import size_warning
from index.types import EngineError, IndexUnavailable, IndexWriteError
from searchsvc.dates import plural
from searchsvc.params import PARAMS
from searchsvc.settings import Settings, documented, env_name
from store.base import RecordsStore
from store.factory import open_store
from store.load import load_council
from store.types import CrawlActivity, StoreError

log = logging.getLogger("minutes")

SAMPLE_COUNCIL = "sample"
SAMPLE_NAME = "Harrowdale Borough Council (sample)"
# The second sample council, published on another platform (CMIS): one demo, two platforms.
CMIS_SAMPLE_COUNCIL = "fenwickvale"
CMIS_SAMPLE_NAME = "Fenwick Vale District Council (sample, CMIS)"

def setting_help(name: str) -> str:
    """An option's help from the setting it overrides: its help, its variable and its default."""
    return f"{documented()[name]} [default: ${env_name(name)}, else {getattr(Settings(), name)}]"


data_option = click.option(
    "--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), envvar="MINUTES_DATA_DIR",
    default="data", show_default=True, help="Where raw pages, records and the index live.")


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log every page fetched.")
def main(verbose: bool) -> None:
    """Minutes: search over council minutes archives."""
    # Every file and folder Minutes writes (records, raw pages, the index, the alerts and changes
    # databases) is its owner's alone: 0600 files, 0700 folders (issue 22). Set here, at the entry point.
    os.umask(0o077)
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("minutes").setLevel(logging.INFO)


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def _backend(data_dir: Path) -> SearchBackend:
    """The search engine of this data directory, as the MINUTES_ENGINE setting chooses."""
    try:
        settings = Settings.from_env()
        return open_backend(data_dir, settings.engine, **settings.engine_options())
    except EngineError as exc:
        _fail(str(exc))
        raise  # not reached: _fail exits


def _index(data_dir: Path, rebuild: bool = False) -> None:
    """Update the index, log what changed (for alerts: index.changelog, kept in the records store) and say so."""
    backend = _backend(data_dir)
    store = _records_store(data_dir)
    try:
        # The log is rebuilt from what the index has committed (index.changelog): first what an earlier,
        # killed run committed and never logged, then this run's. A kill anywhere loses no change.
        if backend.exists():
            store.record_changes(backend.fingerprints())
        try:
            report = backend.update(data_dir, rebuild=rebuild)
        except IndexWriteError as exc:  # disk full, or another indexer running: the served index is intact
            _fail(str(exc))
        store.record_changes(backend.fingerprints())
    finally:
        store.close()
    click.echo(f"index: {report.summary()}")
    warning = size_warning(backend)  # past the embedded engine's size: say so (index.sizing)
    if warning:
        click.echo(f"warning: {warning}", err=True)


def run_crawl(url: str, data_dir: Path, council: str, name: str, settings: FetchSettings,
              max_pages: int | None = None, allow_local: bool = False, platform: str = ""):
    """Crawl one council (the demo's way in); progress on a terminal, quiet otherwise."""
    from crawler.councils import CouncilConfig
    from crawler.progress import Progress, display_mode
    from crawler.runner import CrawlOptions, crawl_council

    progress = Progress(sys.stderr, display_mode(sys.stderr, log_json=False))
    with PoliteSession(settings) as session:
        return crawl_council(CouncilConfig(council, name, url, allow_local=allow_local, platform=platform),
                             data_dir, session,
                             CrawlOptions(max_pages=max_pages), progress)


def _date_option(ctx, param, value: str | None):
    if value is None:
        return None
    from datetime import date
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: write it as YYYY-MM-DD") from None


@main.command()
@click.argument("urls", metavar="[URL]...", nargs=-1)
@data_option
@click.option("--councils", "councils_file", type=click.Path(dir_okay=False, path_type=Path),
              help="A councils.toml listing the councils to crawl (name, base_url, contact, ...).")
@click.option("--council", "council", help="Id for the council given by URL (default: from the host name).")
@click.option("--name", help="The council's name as people know it (for the council given by URL).")
@click.option("--allow-local", is_flag=True,
              help="Allow the URL given to be on this machine or a private network (e.g. the sample site).")
@click.option("--platform", type=click.Choice(PLATFORMS), default=None,
              help="The council's publishing platform, for the URLs given (default: detected from the URL).")
@click.option("--since", callback=_date_option, help="Only meetings on or after this date (YYYY-MM-DD).")
@click.option("--committee", help="Only this committee: its id, its name, or part of its name.")
@click.option("--max-pages", type=int, help="Stop after fetching this many pages (the rest stays queued).")
@click.option("--recheck-weeks", type=int, default=8, show_default=True,
              help="Meetings of the last N weeks are checked again for new or changed minutes.")
@click.option("--delay", type=float, default=FetchSettings.delay_seconds, show_default=True,
              help="Seconds of quiet between an answer from a host and the next request to it "
                   "(robots.txt Crawl-delay may ask for more).")
@click.option("--contact", help="Your email or URL, put in the User-Agent so councils can reach you.")
@click.option("--user-agent", default=FetchSettings.user_agent, show_default=True)
@click.option("--log-json", is_flag=True, help="One JSON line per page and a summary per council, on stderr.")
@click.option("--then-index", is_flag=True, help="Then extract the councils crawled and update the index.")
@click.option("--then-alert", is_flag=True, help="Then send the email alerts due (implies --then-index).")
@click.option("--parallel", type=click.IntRange(1, 512), default=8, show_default=True,
              help="Councils crawled at the same time (each site still gets one request at a time): a national "
                   "first crawl runs hundreds at once (docs/scale.md).")
def crawl(urls: tuple[str, ...], data_dir: Path, councils_file: Path | None, council: str | None,
          name: str | None, allow_local: bool, platform: str | None, since, committee: str | None,
          max_pages: int | None,
          recheck_weeks: int, delay: float, contact: str | None, user_agent: str, log_json: bool,
          then_index: bool, then_alert: bool, parallel: int = 8) -> None:
    """Fetch councils' minutes pages from their ModernGov or CMIS sites into the raw store.

    Give one council's URL, or several, or --councils councils.toml. Councils are crawled at
    the same time; each site gets one request at a time. Exits non-zero when a council could not
    be crawled at all.
    """
    import contextlib

    from crawler.councils import CouncilsFileError, council_from_url, load_councils
    from crawler.fetch import user_agent_for
    from crawler.progress import Progress, display_mode, json_logging
    from crawler.runner import CrawlOptions, crawl_councils

    if not urls and not councils_file:
        _fail("give a council's ModernGov or CMIS URL, or --councils councils.toml.")
    if (council or name) and len(urls) != 1:
        _fail("--council and --name name one council: give exactly one URL with them.")
    try:
        councils, file_contact = load_councils(councils_file) if councils_file else ([], "")
        councils += [council_from_url(u, id=council, name=name, allow_local=allow_local, platform=platform or "")
                     for u in urls]
    except CouncilsFileError as exc:
        _fail(str(exc))
    contact = contact or file_contact
    if not contact and user_agent == FetchSettings.user_agent and not all(c.allow_local for c in councils):
        # A council whose site is strained needs to know whom to ask before it blocks the crawler.
        click.echo("Warning: no --contact given (nor contact = in councils.toml): the councils' sites cannot "
                   "tell who is crawling them or reach you. Add --contact you@example.org.", err=True)
    settings = FetchSettings(delay_seconds=delay, user_agent=user_agent_for(contact) if contact else user_agent)
    progress = Progress(sys.stderr, display_mode(sys.stderr, log_json))
    options = CrawlOptions(since=since, committee=committee, max_pages=max_pages, recheck_weeks=recheck_weeks)
    with PoliteSession(settings) as session, json_logging(sys.stderr) if log_json else contextlib.nullcontext():
        results = crawl_councils(councils, data_dir, session, options, progress, workers=parallel)
    for stats in results:
        click.echo(f"crawl {stats.council}: {stats.summary()}")
    failed = [s for s in results if s.failed]
    crawled = [s.council for s in results if not s.failed]
    if (then_index or then_alert) and crawled:
        for name_ in crawled:
            click.echo(f"extract {name_}: {_extract(data_dir, name_)}")
        _index(data_dir)
        if then_alert:
            _send_alerts(data_dir)
    if failed:
        _fail("; ".join(f"{s.council} could not be crawled ({s.failed})" for s in failed))


@main.group()
def alerts() -> None:
    """Email alerts on searches (docs/alerts.md)."""


@alerts.command("send")
@data_option
def alerts_send(data_dir: Path) -> None:
    """Email each confirmed alert what the index updates since its last email added or changed that matches.

    Run it after each `minutes index`. Safe to run again, or after a crash: nothing is sent twice.
    """
    _send_alerts(data_dir)


@alerts.command("status")
@data_option
def alerts_status(data_dir: Path) -> None:
    """Count the alerts and the digests sent, waiting or refused."""
    store = _records_store(data_dir)
    try:
        subs, outbox, head = store.subscription_counts(), store.outbox_counts(), store.changes_head()
    finally:
        store.close()
    click.echo(f"alerts: {subs.get('confirmed', 0)} confirmed, {subs.get('pending', 0)} awaiting confirmation; "
               f"digests: {outbox.get('sent', 0)} sent, {outbox.get('pending', 0)} waiting, "
               f"{outbox.get('failed', 0)} refused; changes logged: {head}")


def _send_alerts(data_dir: Path) -> None:
    from searchsvc.alerts.mail import AlertsError
    from searchsvc.alerts.send import send_alerts

    store = _records_store(data_dir)
    try:
        stats = send_alerts(store, Settings.from_env(data_dir=data_dir), _backend(data_dir))
    except (AlertsError, IndexUnavailable) as exc:
        _fail(str(exc))
    finally:
        store.close()
    click.echo(f"alerts: {stats.summary()}")


def _records_store(data_dir: Path) -> RecordsStore:
    try:
        return open_store(data_dir, Settings.from_env().store)
    except StoreError as exc:
        _fail(str(exc))
        raise  # not reached: _fail exits


def _extract(data_dir: Path, council: str) -> str:
    """Extract one council into its records files, then into the records store in one transaction."""
    stats = extract(data_dir, council)
    store = _records_store(data_dir)
    try:
        load_council(store, data_dir, council)
        _store_crawl_activity(store, data_dir, council)
    finally:
        store.close()
    return stats.summary()


def _store_crawl_activity(store: RecordsStore, data_dir: Path, council: str) -> None:
    """What the crawl saw (freshness, each page's fetch time), copied to the store for web servers that have
    no raw store (several servers on one PostgreSQL: docs/store.md)."""
    from datetime import UTC, datetime

    from crawler.rawstore import RawStore

    raw = RawStore(data_dir, council)
    if not raw.root.is_dir():
        return

    def iso(ts: float) -> str:
        return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds") if ts else ""

    pages, newest_meta, newest_body = raw.activity()
    store.put_crawl_activity(CrawlActivity(council, pages, iso(newest_meta), iso(newest_body)),
                             ((page.url, page.fetched_at) for page in raw.pages()))


@main.group("store")
def store_group() -> None:
    """The records store the pages read (MINUTES_STORE: SQLite under DIR by default, or PostgreSQL)."""


@store_group.command("status")
@data_option
def store_status(data_dir: Path) -> None:
    """Say which store is used, its schema version and the councils it holds."""
    store = _records_store(data_dir)
    try:
        click.echo(json.dumps(store.describe(), indent=2))
    finally:
        store.close()


@store_group.command("load")
@data_option
@click.option("--council", "councils", multiple=True, help="Only this council (default: all with records).")
def store_load(data_dir: Path, councils: tuple[str, ...]) -> None:
    """Store the records files as they are (after copying records in, or to fill a new PostgreSQL)."""
    store = _records_store(data_dir)
    try:
        for council in councils or tuple(councils_with_records(data_dir)):
            t0 = time.monotonic()
            counts = load_council(store, data_dir, council)
            _store_crawl_activity(store, data_dir, council)
            click.echo(f"store {council}: {plural(counts['Item'], 'item')}, {plural(counts['Meeting'], 'meeting')} in "
                       f"{time.monotonic() - t0:.1f} s")
    finally:
        store.close()


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
        click.echo(f"extract {council}: {_extract(data_dir, council)}")


@main.command("index")
@data_option
@click.option("--rebuild", is_flag=True, help="Build a fresh index, then switch to it.")
def index_cmd(data_dir: Path, rebuild: bool) -> None:
    """Bring the search index up to date with the extracted records."""
    if not councils_with_records(data_dir):
        _fail(f"there are no records in {data_dir} yet: run `minutes extract` first.")
    _index(data_dir, rebuild=rebuild)


class _Later:
    """A WSGI app given once the server is listening (the port is checked before any long work)."""

    app = None

    def __call__(self, environ, start_response):
        assert self.app is not None
        return self.app(environ, start_response)


def bind(host: str, port: int, threads: int):
    """A waitress server listening on host:port; a taken port is a sentence naming it and the way round it."""
    import socket

    import waitress

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except (OSError, UnicodeError) as exc:
        _fail(f"cannot listen on {host}: {exc} (set --host or MINUTES_HOST to this machine's address)")
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as waitress does: a restart reuses the port
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            _fail(f"port {port} on {host} is taken (another Minutes, or another program, is using it). Choose "
                  f"another with --port N (or MINUTES_PORT=N; `make run PORT=N`), or --port 0 for any free port.")
        _fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    later = _Later()
    server = waitress.create_server(later, sockets=[sock], threads=threads)
    server.minutes_later = later  # waitress wraps the app it is given (proxy headers): kept to set it
    return server


def serve_app(data_dir: Path, host: str | None, port: int | None, on_ready=None, server=None, demo=None,
              **overrides) -> None:
    """Serve until Ctrl-C. A host or port of None is the setting's (MINUTES_HOST / MINUTES_PORT, else the default).
    ``server``: one already listening (from bind); ``demo``: the demo's own pages (searchsvc.demo)."""
    from searchsvc import create_app

    chosen = {"data_dir": data_dir, "host": host, "port": port, **overrides}
    settings = Settings.from_env(**chosen)
    if server is None:
        server = bind(settings.host, settings.port, settings.threads)
    chosen["port"] = server.effective_port  # for links in emails when --port 0 chose one
    config: dict = {"MINUTES_SETTINGS": chosen}
    if demo is not None:
        config["MINUTES_DEMO"] = demo
    server.minutes_later.app = create_app(config)
    warmed = server.minutes_later.app.extensions["minutes.index"].warm()  # the first users' searches, now
    click.echo(f"Warmed the search index in {warmed:.1f} s.")
    click.echo(f"Minutes is serving at http://{settings.host}:{server.effective_port}/  (Ctrl-C to stop)")
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
@click.option("--host", default=None, help=setting_help("host"))
@click.option("--port", type=int, default=None, help=setting_help("port"))
@click.option("--api-rate-per-minute", type=int, default=None, help=setting_help("api_rate_per_minute"))
def serve(data_dir: Path, host: str | None, port: int | None, api_rate_per_minute: int | None) -> None:
    """Serve the search site and JSON API (waitress)."""
    if not _backend(data_dir).exists():
        _fail(f"there is no index in {data_dir}: run `minutes index` first (or `minutes demo`).")
    serve_app(data_dir, host, port, api_rate_per_minute=api_rate_per_minute)


def search_options(command):
    """A CLI option for every search parameter but q (the words), from searchsvc.params.PARAMS."""
    for p in reversed([p for p in PARAMS if p.kind != "text"]):
        flag, help_ = "--" + p.name.replace("_", "-"), p.help.removeprefix("1: ")
        if p.kind == "flag":
            command = click.option(flag, p.name, is_flag=True, help=help_[:1].upper() + help_[1:])(command)
        elif p.kind == "choice":
            command = click.option(flag, p.name, type=click.Choice(p.choices), default=p.default,
                                   show_default=True, help=help_)(command)
        elif p.kind == "page":
            command = click.option(flag, p.name, type=int, default=p.default, show_default=True, help=help_)(command)
        else:
            command = click.option(flag, p.name, multiple=p.multi, help=help_)(command)
    return command


def _search_args(words: tuple[str, ...], options: dict) -> dict:
    """The CLI's search options as the web's request arguments (parsed, then, by the same function)."""
    args: dict = {"q": " ".join(words)}
    for p in PARAMS:
        value = options.get(p.name)
        if p.kind == "flag":
            value = "1" if value else None
        if value not in (None, (), ""):
            args[p.name] = [str(v) for v in value] if p.multi else str(value)
    return args


@main.command()
@click.argument("query", nargs=-1)
@data_option
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON (the web API's shape).")
@search_options
def search(query: tuple[str, ...], data_dir: Path, as_json: bool, **options) -> None:
    """Search the index from the command line (the search page's parameters as options)."""
    from searchsvc.params import MultiArgs, ParamError, parse_search_args
    from searchsvc.relax import add_relaxed
    from searchsvc.shapes import search_json

    try:
        # The settings' page size, limits and time limit, as the web's (MINUTES_PAGE_SIZE and so on).
        req = parse_search_args(MultiArgs(_search_args(query, options)), Settings.from_env(data_dir=data_dir))
        backend = _backend(data_dir)
        result = add_relaxed(backend, backend.search(req))
    except (ParamError, IndexUnavailable) as exc:
        _fail(str(exc))
    data = search_json(result)
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(f"{plural(result.total_items, 'item')} ({plural(result.total_paragraphs, 'paragraph')})")
    for notice in result.notices:
        click.echo(f"Note: {notice}")
    if result.suggestions:
        click.echo("Did you mean: " + " · ".join(result.suggestions))
    for q, dropped, n in result.relaxed:
        click.echo(f"Without “{dropped}”: {q}  ({n} item{'' if n == 1 else 's'})")
    for hit in result.hits:
        who = ", ".join(s["name"] for s in hit.speakers)
        state = ("  (draft minutes)" if hit.status == "draft" else "") + \
            (f"  (amended {hit.amended})" if hit.amended else "")
        click.echo(f"\n{hit.date}  {hit.committee_name}  {hit.minute_number}. {hit.title}"
                   + (f"  [{who}]" if who else "") + state)
        click.echo(f"  {hit.text[:200]}")
        click.echo(f"  {hit.source_url}")


@main.command()
@click.argument("file_or_url")
@click.option("--url", help="The URL the page was published at (page kinds, and the platform, come from it).")
@click.option("--platform", type=click.Choice(PLATFORMS), default=None,
              help="The site's platform (default: detected from the URL, else from the page).")
@click.option("--council", default="council", show_default=True, help="Council id used in record ids.")
@click.option("--explain", is_flag=True, help="Also say why each speaker, decision and declaration was found.")
@click.option("--allow-local", is_flag=True,
              help="Allow the URL to be on this machine or a private network (e.g. the sample site).")
def parse(file_or_url: str, url: str | None, platform: str | None, council: str, explain: bool,
          allow_local: bool) -> None:
    """Print the records parsed from one page, as JSON (speakers, decisions and declarations included)."""
    from urllib.parse import urlsplit

    from crawler.extract import enrich_page
    from crawler.extract import explain as explain_records
    from crawler.platforms import platform_for
    from crawler.scope import Scope, local_address

    if file_or_url.startswith(("http://", "https://")):
        scope = Scope.for_urls(file_or_url, allow_local=allow_local)
        try:
            host = (urlsplit(file_or_url).hostname or "").lower()
        except ValueError:
            host = ""  # malformed: the fetch below says so
        where = local_address(host) if host and not allow_local else ""
        if where:
            _fail(f"{file_or_url} is on this machine or a private network ({host} is {where}); "
                  "minutes parse fetches such addresses only with --allow-local.")
        try:
            with PoliteSession() as session:
                body = session.get(file_or_url, scope).body
        except FetchError as exc:
            _fail(str(exc))
        url = url or file_or_url
    else:
        path = Path(file_or_url)
        if not path.exists():
            _fail(f"no such file: {path}")
        body = path.read_bytes()
        if not url:
            # The kind of page (meeting, item, committee...) is read from its address, which a saved
            # file has lost: guessing from the content would give silently empty records.
            _fail(f"{path} is a saved page: say where it was published with --url, e.g. "
                  "--url 'https://democracy.<council>.gov.uk/ieListDocuments.aspx?CId=1&MId=2' "
                  "(the page's kind, and the platform, come from its address).")
    assert url is not None
    try:
        chosen = platform_for(platform, url, body)
        page = chosen.parse(body, url, council)
    except ParseError as exc:
        _fail(str(exc))
    if page.kind == "unknown":
        _fail(f"{url} is not a page Minutes knows how to read as {chosen.name} (a committee list, committee, "
              "meeting, item, attendance or decision page): check the address given with --url.")
    records = enrich_page(page)
    out = {"kind": page.kind, "url": page.url, "records": [to_dict(r) for r in records],
           "links": [{"url": link.url, "kind": link.kind} for link in page.links],
           "warnings": page.warnings}
    if explain:
        out["explain"] = explain_records(records)
    click.echo(json.dumps(out, indent=2, ensure_ascii=False))


@main.command()
@data_option
@click.option("--port", type=int, default=None, help=setting_help("port"))
@click.option("--site-port", type=int, default=8001, show_default=True,
              help="Port of the built-in sample council's website (ModernGov-shaped).")
@click.option("--cmis-site-port", type=int, default=8002, show_default=True,
              help="Port of the second sample council's website (CMIS-shaped).")
def demo(data_dir: Path, port: int | None, site_port: int, cmis_site_port: int) -> None:
    """Serve, crawl, index and search the two built-in sample councils, all on 127.0.0.1, with a mail catcher
    so email alerts can be tried (the mail it catches is at /demo/mail)."""
    from samplecouncil.cmis_site import CmisSite
    from samplecouncil.server import SampleSite
    from searchsvc.alerts.mail import AlertsError
    from searchsvc.alerts.send import send_alerts
    from searchsvc.mailcatcher import MailCatcher

    settings = Settings.from_env(data_dir=data_dir, host="127.0.0.1", port=port)
    # The search site's port first: a taken one is said before minutes of crawling, not after.
    server = bind(settings.host, settings.port, settings.threads)
    sites = [_start(SampleSite, site_port), _start(CmisSite, cmis_site_port)]
    catcher = MailCatcher().start()
    try:
        harrowdale, fenwick = sites
        click.echo(f"Sample council websites: {harrowdale.url} (ModernGov), {fenwick.cmis_url} (CMIS)")
        t0 = time.monotonic()
        crawled = councils_with_records(data_dir)
        state = DemoState(data_dir)
        for council, name, url, platform in ((SAMPLE_COUNCIL, SAMPLE_NAME, harrowdale.url, "moderngov"),
                                             (CMIS_SAMPLE_COUNCIL, CMIS_SAMPLE_NAME, fenwick.cmis_url, "cmis")):
            if council in crawled:
                # The raw pages are kept; parsing and indexing again is cheap and brings the records and
                # the index up to this version of Minutes (an index of another schema is rebuilt).
                click.echo(f"Reusing the pages of {council} crawled into {data_dir} (delete it to crawl afresh).")
            else:
                # Our own local sites: no politeness delay (real councils always get one).
                stats = run_crawl(url, data_dir, council, name, FetchSettings(delay_seconds=0.0),
                                  allow_local=True, platform=platform)
                click.echo(f"crawl {council}: {stats.summary()}")
            t1 = time.monotonic()
            click.echo(f"extract {council}: {_extract(data_dir, council)} in {time.monotonic() - t1:.1f} s")
        # The site as the archive last saw it: Harrowdale's draft minutes are approved (with edits) when the
        # demo's mail page asks, so an alert set up first gets a digest of the amended minutes.
        harrowdale.phase = "approved" if state.approved else "draft"
        _index(data_dir)
        mail_settings = {"smtp_host": "127.0.0.1", "smtp_port": catcher.port, "smtp_timeout_seconds": 10.0}
        public = {"public_url": f"http://127.0.0.1:{server.effective_port}"}

        step = threading.Lock()

        def approve() -> str:
            with step:  # one click at a time
                if state.approved:
                    return "Harrowdale's approved minutes were crawled already: nothing new to send."
                try:
                    return approve_and_crawl()
                except (FetchError, EngineError, StoreError, AlertsError) as exc:
                    return f"That did not work: {exc}"

        def approve_and_crawl() -> str:
            harrowdale.phase = "approved"
            stats = run_crawl(harrowdale.url, data_dir, SAMPLE_COUNCIL, SAMPLE_NAME,
                              FetchSettings(delay_seconds=0.0), allow_local=True, platform="moderngov")
            _extract(data_dir, SAMPLE_COUNCIL)
            backend = _backend(data_dir)
            store = _records_store(data_dir)
            try:
                store.record_changes(backend.fingerprints())
                report = backend.update(data_dir)
                store.record_changes(backend.fingerprints())
                state.approved = True
                sent = send_alerts(store, Settings.from_env(data_dir=data_dir, **mail_settings, **public), backend)
            finally:
                store.close()
            return (f"Harrowdale crawled again, its draft minutes approved: {stats.summary()}. "
                    f"Index: {report.summary()}. Alerts: {sent.summary()}.")

        from searchsvc.demo import Demo

        click.echo(f"Email alerts are on: mail goes to the demo's own mail catcher (127.0.0.1:{catcher.port}), "
                   f"shown at http://127.0.0.1:{server.effective_port}/demo/mail")
        click.echo(f"ready in {time.monotonic() - t0:.1f} s")
        serve_app(data_dir, "127.0.0.1", port, server=server, demo=Demo(catcher, approve, lambda: state.approved),
                  api_rate_per_minute=0, **mail_settings, **public)  # the demo is never rate limited
    finally:
        catcher.stop()
        for site in sites:
            site.stop()


class DemoState:
    """What the demo did to this data folder that its pages cannot tell: whether the draft minutes were approved."""

    def __init__(self, data_dir: Path):
        self.path = data_dir / "demo-state.json"

    @property
    def approved(self) -> bool:
        try:
            return bool(json.loads(self.path.read_text()).get("approved"))
        except (OSError, ValueError):
            return False

    @approved.setter
    def approved(self, value: bool) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"approved": value}))


def _start(site_class, port: int):
    """A sample site on the port asked for, or on any free port when that one is taken."""
    site = site_class(port=port)
    try:
        site.start()
    except OSError:
        site = site_class(port=0)
        site.start()
    return site


if __name__ == "__main__":
    main()
