"""The organisation of the tests' branded copy of the course: Northwind Trust, its logo, colour and
contacts."""

from __future__ import annotations

LOGO = """<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40" role="img">
<title>Northwind Trust</title><rect width="120" height="40" fill="#0b5394"/>
<text x="60" y="26" font-size="16" text-anchor="middle" fill="#fff">Northwind</text></svg>
"""
BRAND = {"organisation": "Northwind Trust", "logo": "assets/brand/logo.svg", "accent": "#0b5394"}
SUPPORT = {
    "contacts": [{"name": "Northwind assistance line", "detail": "0800 555 0100, any hour", "call": "0800 555 0100"}]
}
