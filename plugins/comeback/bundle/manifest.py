"""The imsmanifest.xml of a SCORM 1.2 package: IMS Content Packaging 1.1.2 with the ADL SCORM 1.2
extensions. One organization with one item, the whole course, launched from one SCO resource that
lists every file of the package. No mastery score: the course is not scored. Knows nothing of MkDocs."""

from __future__ import annotations

from collections.abc import Iterable
from xml.etree import ElementTree

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (
    f"{IMSCP} imscp_rootv1p1p2.xsd"
    " http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd"
    f" {ADLCP} adlcp_rootv1p2.xsd"
)


def manifest(*, identifier: str, title: str, launch: str, files: Iterable[str]) -> bytes:
    """`files` are every file of the package by its path in it (the launch page among them)."""
    ElementTree.register_namespace("", IMSCP)
    ElementTree.register_namespace("adlcp", ADLCP)
    ElementTree.register_namespace("xsi", XSI)
    root = ElementTree.Element(
        f"{{{IMSCP}}}manifest",
        {"identifier": identifier, "version": "1.2", f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION},
    )
    metadata = _child(root, "metadata")
    _child(metadata, "schema", "ADL SCORM")
    _child(metadata, "schemaversion", "1.2")
    organizations = _child(root, "organizations", default=f"{identifier}-organization")
    organization = _child(organizations, "organization", identifier=f"{identifier}-organization")
    _child(organization, "title", title)
    item = _child(
        organization, "item", identifier=f"{identifier}-course", identifierref=f"{identifier}-sco", isvisible="true"
    )
    _child(item, "title", title)
    resources = _child(root, "resources")
    resource = _child(resources, "resource", identifier=f"{identifier}-sco", type="webcontent", href=launch)
    resource.set(f"{{{ADLCP}}}scormtype", "sco")
    for path in sorted(set(files)):
        _child(resource, "file", href=path)
    ElementTree.indent(root)
    text: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return text + b"\n"


def _child(parent: ElementTree.Element, tag: str, text: str | None = None, **attributes: str) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, f"{{{IMSCP}}}{tag}", attributes)
    element.text = text
    return element
