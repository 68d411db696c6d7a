"""The JSON API against its own OpenAPI description (schemathesis), and the description against the routes.

Kept short for CI: a few dozen generated requests per operation, run in-process over WSGI.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.factories import COUNCIL

OPERATIONS = ["/api/v1/search", "/api/v1/councils", "/api/v1/item/{item_id}", "/api/v1/cite/{paragraph_id}",
              "/api/v1/meeting/{meeting_id}", "/api/v1/committee/{committee_id}",
              "/api/v1/speaker/{speaker_key}", "/api/v1/council/{council_id}", "/api/v1/decisions",
              "/api/v1/item/{item_id}/versions", "/api/v1/item/{item_id}/diff",
              "/api/v1/council/{council_id}/compare"]


# schemathesis' own pytest integration (from_fixture) does not run under pytest 9, so each
# operation's Hypothesis strategy is driven directly: the same generation and the same checks.
@pytest.mark.parametrize("path", OPERATIONS)
def test_api_conforms_to_its_openapi_description(app, path):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operation = schema[path]["GET"]

    @given(case=operation.as_strategy())
    @settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck),
              database=None)
    def check(case):
        # Some schema-valid combinations are rightly refused (from after to; a cursor that this API
        # never gave out), so "valid data accepted" does not hold; every other check does.
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    check()


def test_every_api_route_is_described(app):
    described = set(app.test_client().get("/api/v1/openapi.json").get_json()["paths"])
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/") and rule.rule != "/api/v1/openapi.json":
            routes.add(rule.rule.replace("<path:", "{").replace("<", "{").replace(">", "}"))
    normalised = {p.split("{")[0] for p in described}
    assert {r.split("{")[0] for r in routes} == normalised


def test_described_examples_answer_with_the_described_shape(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    schemas = doc["components"]["schemas"]
    examples = {"/api/v1/item/{item_id}": f"/api/v1/item/{COUNCIL}/m100/i1001",
                "/api/v1/cite/{paragraph_id}": f"/api/v1/cite/{COUNCIL}/m100/i1001/p2",
                "/api/v1/meeting/{meeting_id}": f"/api/v1/meeting/{COUNCIL}/m100",
                "/api/v1/committee/{committee_id}": f"/api/v1/committee/{COUNCIL}/c1",
                "/api/v1/speaker/{speaker_key}": f"/api/v1/speaker/{COUNCIL}/u11",
                "/api/v1/council/{council_id}": f"/api/v1/council/{COUNCIL}",
                "/api/v1/council/{council_id}/votes": f"/api/v1/council/{COUNCIL}/votes",
                "/api/v1/council/{council_id}/compare": f"/api/v1/council/{COUNCIL}/compare",
                "/api/v1/vote/{vote_id}": f"/api/v1/vote/{COUNCIL}/m100/i1001/vd1",
                "/api/v1/councils": "/api/v1/councils", "/api/v1/search": "/api/v1/search?q=penny",
                "/api/v1/decisions": "/api/v1/decisions?outcome=refused",
                "/api/v1/item/{item_id}/versions": f"/api/v1/item/{COUNCIL}/m100/i1001/versions",
                "/api/v1/item/{item_id}/diff": f"/api/v1/item/{COUNCIL}/m100/i1001/diff"}
    assert set(examples) == set(doc["paths"])
    for path, url in examples.items():
        ref = doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        body = client.get(url).get_json()
        missing = set(schemas[ref.rsplit("/", 1)[1]]["required"]) - set(body)
        assert not missing, (url, missing)
