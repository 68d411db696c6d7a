"""A real OpenSearch cluster for the tests: N nodes, one JVM each, loopback only, bounded heap.

The nodes are built from Maven Central by `.ci/run` (`mvn -q -f opensearch/harness/pom.xml package`)
and started here by PID; every node is stopped by its PID when the session ends. Tests that need the
cluster skip with the reason where the harness is absent (a user's fresh clone without Java or Maven),
and fail instead of skipping under CI=true, where .ci/run must have built it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
HARNESS = REPO_ROOT / "opensearch" / "harness" / "target"
HEAP = "512m"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def harness_missing() -> str:
    """Why the cluster cannot start here, or "" when it can."""
    if shutil.which("java") is None:
        return "java is not installed (the OpenSearch tests need Java 17)"
    if not (HARNESS / "opensearch-harness-1.jar").exists() or not (HARNESS / "lib").is_dir():
        return ("the OpenSearch test harness is not built: run "
                "`mvn -q -f opensearch/harness/pom.xml package` (.ci/run does)")
    return ""


def require_harness() -> None:
    reason = harness_missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@dataclass
class Node:
    name: str
    http_port: int
    transport_port: int
    home: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"


@dataclass
class Cluster:
    """Nodes of one cluster; `start()` waits until every node answers and the cluster is green."""

    size: int = 3
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="minutes-opensearch-")))
    nodes: list[Node] = field(default_factory=list)

    def __post_init__(self) -> None:
        for i in range(1, self.size + 1):
            self.nodes.append(Node(f"node-{i}", _free_port(), _free_port(), self.root / f"node-{i}"))

    @property
    def urls(self) -> list[str]:
        return [n.url for n in self.nodes]

    def _command(self, node: Node) -> list[str]:
        seeds = ",".join(str(n.transport_port) for n in self.nodes)
        managers = ",".join(n.name for n in self.nodes)
        classpath = f"{HARNESS / 'opensearch-harness-1.jar'}{os.pathsep}{HARNESS / 'lib'}/*"
        return ["java", f"-Xms{HEAP}", f"-Xmx{HEAP}", "-XX:+UseSerialGC", "-Xss1m",
                "-Djava.net.preferIPv4Stack=true", "-cp", classpath, "minutes.harness.NodeMain",
                node.name, str(node.http_port), str(node.transport_port), str(node.home), seeds, managers]

    def start_node(self, node: Node) -> None:
        node.home.mkdir(parents=True, exist_ok=True)
        with open(node.home.with_suffix(".log"), "ab") as log:  # the child keeps its own descriptor
            node.process = subprocess.Popen(self._command(node), stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)

    def start(self, timeout_s: float = 180.0) -> Cluster:
        for node in self.nodes:
            self.start_node(node)
        self.wait_for("green", timeout_s)
        return self

    def request(self, method: str, path: str, body: dict | None = None, node: Node | None = None,
                timeout_s: float = 10.0) -> dict:
        targets = [node] if node else [n for n in self.nodes if self.alive(n)]
        last: Exception | None = None
        for target in targets:
            data = json.dumps(body).encode() if body is not None else None
            req = urllib.request.Request(target.url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(req, timeout=timeout_s) as resp:
                    return json.loads(resp.read() or b"{}")
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
                if isinstance(exc, urllib.error.HTTPError):
                    exc.close()  # it holds the response and its socket
                last = exc
        raise ConnectionError(f"no node answered {method} {path}: {last}")

    def alive(self, node: Node) -> bool:
        return node.process is not None and node.process.poll() is None

    def wait_for(self, status: str, timeout_s: float = 120.0, nodes: int | None = None) -> dict:
        """Wait until the cluster health is `status` (green/yellow) with `nodes` nodes (default all)."""
        want = nodes if nodes is not None else sum(self.alive(n) for n in self.nodes)
        deadline = time.monotonic() + timeout_s
        health: dict = {}
        while time.monotonic() < deadline:
            for node in self.nodes:
                if node.process is not None and node.process.poll() is not None and nodes is None:
                    log = node.home.with_suffix(".log")
                    tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                    raise RuntimeError(f"OpenSearch {node.name} exited with {node.process.returncode}:\n{tail}")
            try:
                health = self.request("GET", f"/_cluster/health?wait_for_status={status}&timeout=2s")
                if not health.get("timed_out") and health.get("number_of_nodes") == want:
                    return health
            except ConnectionError:
                pass
            time.sleep(0.3)
        raise TimeoutError(f"cluster not {status} with {want} nodes after {timeout_s:.0f} s: {health}")

    def kill(self, node: Node) -> None:
        """SIGKILL, as a crashed machine would: no shutdown hook runs."""
        if node.process is not None and node.process.poll() is None:
            os.kill(node.process.pid, signal.SIGKILL)
            node.process.wait(timeout=30)

    def stop(self) -> None:
        for node in self.nodes:
            if node.process is not None and node.process.poll() is None:
                os.killpg(node.process.pid, signal.SIGTERM)
        for node in self.nodes:
            if node.process is not None:
                try:
                    node.process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(node.process.pid, signal.SIGKILL)
                    node.process.wait(timeout=30)
        shutil.rmtree(self.root, ignore_errors=True)

    def cluster_manager(self) -> Node:
        info = self.request("GET", "/_cluster/state/cluster_manager_node,nodes")
        manager_id = info.get("cluster_manager_node") or info.get("master_node")
        name = info["nodes"][manager_id]["name"]
        return next(n for n in self.nodes if n.name == name)


@pytest.fixture(scope="session")
def opensearch_cluster():
    """A 3-node cluster for the whole session, stopped by PID at the end."""
    require_harness()
    cluster = Cluster(3)
    try:
        cluster.start()
    except BaseException:
        cluster.stop()
        raise
    yield cluster
    cluster.stop()
