"""The OpenSearch test harness itself: three real nodes (one JVM each, 127.0.0.1 only) form a green
cluster; a node killed with SIGKILL leaves the other two serving, and comes back green after a restart."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_three_nodes_form_a_green_cluster_on_loopback(opensearch_cluster) -> None:
    health = opensearch_cluster.wait_for("green")
    assert health["number_of_nodes"] == 3 and health["status"] == "green"
    nodes = opensearch_cluster.request("GET", "/_nodes/http")["nodes"].values()
    assert all(n["http"]["publish_address"].startswith("127.0.0.1:") for n in nodes)


def test_a_killed_node_rejoins_after_restart(opensearch_cluster) -> None:
    cluster = opensearch_cluster
    cluster.request("PUT", "/harness-check", {"settings": {"number_of_shards": 3, "number_of_replicas": 1}})
    cluster.request("PUT", "/harness-check/_doc/1?refresh=true", {"text": "kept"})
    cluster.wait_for("green")
    victim = next(n for n in cluster.nodes if n is not cluster.cluster_manager())
    cluster.kill(victim)
    assert not cluster.alive(victim)
    # The other two still answer and still hold the document (replicas).
    assert cluster.request("GET", "/harness-check/_doc/1")["_source"] == {"text": "kept"}
    cluster.start_node(victim)
    health = cluster.wait_for("green", timeout_s=180)
    assert health["number_of_nodes"] == 3
    cluster.request("DELETE", "/harness-check")
