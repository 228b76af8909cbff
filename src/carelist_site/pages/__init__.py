"""The site's pages: shared types (base), the chrome, one module per page, and the registry that lists them.

Each page module has `specs(site)` (the pages it makes) and `context(…, env)` (what its template prints).
"""
