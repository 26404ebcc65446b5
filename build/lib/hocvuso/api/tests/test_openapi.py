"""The OpenAPI schema describes every endpoint; the docs page serves it."""

PATHS = {
    "/api/v1/visits": {"get", "post"},
    "/api/v1/visits/today": {"get"},
    "/api/v1/visits/{visit_id}": {"get", "patch", "delete"},
    "/api/v1/activities": {"get", "post"},
    "/api/v1/classes": {"get", "post"},
    "/api/v1/zalo-groups": {"get"},
    "/api/v1/zalo-groups/{group_id}": {"patch"},
    "/api/v1/teams": {"get"},
    "/api/v1/units": {"get"},
    "/api/v1/services": {"get"},
    "/api/v1/me": {"get"},
    "/api/v1/tokens": {"get", "post"},
    "/api/v1/tokens/{token_id}": {"delete"},
}


def test_the_schema_lists_every_path_and_method(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {path: set(methods) for path, methods in schema["paths"].items()} == PATHS


def test_the_schema_names_both_ways_to_authenticate(client, db):
    schemes = client.get("/api/openapi.json").json()["components"]["securitySchemes"]
    kinds = {
        (scheme["type"], scheme.get("scheme", scheme.get("in"))) for scheme in schemes.values()
    }
    assert kinds == {("http", "bearer"), ("apiKey", "cookie")}


def test_the_schema_documents_the_error_answers(client, db):
    schema = client.get("/api/openapi.json").json()
    post = schema["paths"]["/api/v1/visits"]["post"]
    assert {"200", "201", "401", "403", "404", "422"} <= set(post["responses"])
    visit_in = schema["components"]["schemas"]["VisitIn"]
    assert set(visit_in["required"]) == {"client_key", "services"}
    params = {p["name"] for p in schema["paths"]["/api/v1/visits"]["get"]["parameters"]}
    assert {"from", "to", "team", "village", "page", "page_size"} <= params


def test_the_docs_page_loads(client, db):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert "openapi.json" in response.text


def test_the_operation_ids_stay_those_clients_were_generated_from(client, db):
    # Each capability holds its router now; the ids are those of when api/ held them all.
    schema = client.get("/api/openapi.json").json()
    found = {
        operation["operationId"]
        for methods in schema["paths"].values()
        for operation in methods.values()
    }
    assert found == {
        "hocvuso_api_visits_list_visits",
        "hocvuso_api_visits_create_visit",
        "hocvuso_api_visits_visits_today",
        "hocvuso_api_visits_get_visit",
        "hocvuso_api_visits_update_visit",
        "hocvuso_api_visits_remove_visit",
        "hocvuso_api_outreach_list_activities",
        "hocvuso_api_outreach_create_activity",
        "hocvuso_api_outreach_list_zalo_groups",
        "hocvuso_api_outreach_count_zalo_group",
        "hocvuso_api_learning_list_classes",
        "hocvuso_api_learning_create_class",
        "hocvuso_api_directory_list_teams",
        "hocvuso_api_directory_list_units",
        "hocvuso_api_directory_list_services",
        "hocvuso_api_directory_me",
        "hocvuso_api_tokens_create_token",
        "hocvuso_api_tokens_list_tokens",
        "hocvuso_api_tokens_remove_token",
    }
