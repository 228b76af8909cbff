"""schema.org GovernmentService descriptions, embedded as JSON-LD."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

# Inside <script>, "</script>" or "<!--" in a value would end or confuse the element: escape the characters outright.
_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"))
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))  # made once, not per page


def script_json(data: dict[str, Any]) -> Markup:
    """JSON safe to place inside <script type="application/ld+json">, same bytes for the same data."""
    text = _ENCODER.encode(data)
    for char, escaped in _SCRIPT_SAFE:  # str.replace, not str.translate: translate looks up every character
        if char in text:
            text = text.replace(char, escaped)
    return Markup(text)


def government_service(
    *,
    name: str,
    description: str,
    url: str,
    language: str,
    category: str,
    providers: list[str],
    area: dict[str, str],
    audience: str | None = None,
    phone: str | None = None,
    service_url: str | None = None,
    location: str | None = None,
    based_on: str | None = None,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": name,
        "description": description,
        "url": url,
        "inLanguage": language,
        "serviceType": category,
        "provider": [{"@type": "GovernmentOrganization", "name": p} for p in providers],
        "areaServed": area,
    }
    if audience:
        data["audience"] = {"@type": "Audience", "audienceType": audience}
    channel: dict[str, Any] = {}
    if phone:
        channel["servicePhone"] = {"@type": "ContactPoint", "telephone": phone}
    if service_url:
        channel["serviceUrl"] = service_url
    if location:
        channel["serviceLocation"] = {"@type": "Place", "name": location}
    if channel:
        data["availableChannel"] = {"@type": "ServiceChannel", **channel}
    if based_on:
        data["isBasedOn"] = based_on
    return data
