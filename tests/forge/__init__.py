"""A GitHub-compatible forge for tests, on 127.0.0.1 over bare git repositories.

store and records hold the state; payloads shape it as GitHub's JSON; routing
and routes_* answer the REST calls; server adds authentication, faults,
rate-limit headers and pagination; githttp serves git over smart HTTP; forge
and fixtures start it for a test; specs and schema check answers against
GitHub's published OpenAPI description.
"""
