"""Repair WeasyPrint's AcroForm before the PDF is written (a `write_pdf(finisher=...)`).

WeasyPrint 70 writes every input as a top-level field, so

* each radio button appears twice, as a kid of its group and again at the top level: PDF readers
  see a looping field tree (pypdf warns "mood.mood already parsed");
* a radio group's states are the buttons' positions (`/0`, `/1`, ...), not their values;
* a dotted name such as `steps.1` stays one flat name, although PDF reserves the period for field
  hierarchy (ISO 32000-1, 12.7.3.2: a partial name shall not contain one).

`fix_acroform` turns the radio buttons into plain widgets of their group, names the group's states
after the buttons' values, and builds the hierarchy that the dotted names describe, so the fully
qualified names a reader reports are exactly the names in the HTML.
"""

from __future__ import annotations

from typing import Any

import pydyf


def fix_acroform(_document: Any, pdf: pydyf.PDF) -> None:
    acroform = pdf.catalog.get("AcroForm")
    if acroform is None:
        return
    objects = pdf.objects

    def resolve(reference: bytes) -> pydyf.Dictionary:
        return objects[int(reference.split()[0])]

    top_level: list[bytes] = []
    for reference in acroform["Fields"]:
        field = resolve(reference)
        if "Parent" in field:
            # A radio button: a widget of its group, not a field of its own.
            field.pop("T", None)
            field.pop("TU", None)
            continue
        if "Opt" in field and "Kids" in field:
            _name_radio_states(field, resolve)
        top_level.append(reference)

    parents: dict[str, pydyf.Dictionary] = {}
    fields = pydyf.Array()
    for reference in top_level:
        field = resolve(reference)
        *path, name = str(field["T"].string).split(".")
        parent = _parent_field(path, parents, fields, pdf)
        field["T"] = pydyf.String(name)
        _attach(field, reference, parent, fields)
    acroform["Fields"] = fields


def _name_radio_states(group: pydyf.Dictionary, resolve: Any) -> None:
    """Name each state of a radio group after its button's value instead of its position."""
    values = [str(option.string) for option in group.pop("Opt")]
    for kid_reference, value in zip(group["Kids"], values, strict=True):
        kid = resolve(kid_reference)
        (appearance,) = kid["AP"]["N"].values()
        kid["AP"]["N"] = pydyf.Dictionary({value: appearance})
        if kid["AS"] != "/Off":
            kid["AS"] = group["V"] = f"/{value}"


def _parent_field(
    path: list[str], parents: dict[str, pydyf.Dictionary], fields: pydyf.Array, pdf: pydyf.PDF
) -> pydyf.Dictionary | None:
    """The non-terminal field for a dotted path such as ["habits", "walk"], made on first use."""
    parent = None
    for depth in range(1, len(path) + 1):
        qualified = ".".join(path[:depth])
        node = parents.get(qualified)
        if node is None:
            node = parents[qualified] = pydyf.Dictionary({"T": pydyf.String(path[depth - 1]), "Kids": pydyf.Array()})
            pdf.add_object(node)
            _attach(node, node.reference, parent, fields)
        parent = node
    return parent


def _attach(field: pydyf.Dictionary, reference: bytes, parent: pydyf.Dictionary | None, fields: pydyf.Array) -> None:
    if parent is None:
        fields.append(reference)
    else:
        field["Parent"] = parent.reference
        parent["Kids"].append(reference)
