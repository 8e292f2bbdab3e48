"""Put a PDF together from separately rendered, tagged parts, then draw its header and footer.

Each part is laid out once: a worksheet's part is its own PDF and goes unchanged into its lesson's
handout and into the workbook; a lesson's text goes into both. So a changed worksheet re-renders one
small part and re-assembles three PDFs, instead of laying out the whole course again.

Assembly keeps what makes the PDF accessible and usable: the parts' structure trees become one (one
Document element holding every part's elements, the parent trees renumbered), named destinations,
bookmarks and form fields are carried over (each worksheet's fields under its id, so that names
stay unique), and the document-level entries (language, PDF/UA metadata) come from the first part.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .furniture import Furniture, stamp_furniture

_CATALOG_KEYS = ("/Lang", "/MarkInfo", "/ViewerPreferences", "/Metadata")


class PikepdfUnavailable(RuntimeError):
    pass


def _pikepdf() -> Any:
    try:
        import pikepdf
    except ImportError as error:
        raise PikepdfUnavailable(
            "the comeback/pdf plugin needs pikepdf to put PDFs together: `pip install pikepdf`"
        ) from error
    return pikepdf


@dataclass(frozen=True)
class PartFile:
    """A rendered part, as assembly needs it."""

    file: Path
    field_group: str | None = None
    """Put the part's form fields under a parent field of this name."""
    placeholders: tuple[str, ...] = ()
    """Named destinations that another part should provide (documents.Part.placeholders)."""


def compose(parts: Sequence[PartFile], furniture: Furniture, *, title: str) -> bytes:
    """One tagged PDF of `parts` in order, titled `title`, with `furniture` drawn on its pages."""
    pikepdf = _pikepdf()
    if len(parts) == 1 and parts[0].field_group is None:
        with pikepdf.open(parts[0].file) as pdf:  # nothing to merge: the part as it is
            return _finish(pikepdf, pdf, furniture, title)

    from pikepdf import Array, Dictionary, Name

    out = pikepdf.new()
    document = out.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
    parent_tree = Array()
    next_key = 0
    destinations: dict[str, Any] = {}
    stand_ins: dict[str, Any] = {}
    bookmarks: list[Any] = []
    fields = Array()
    field_fonts = Dictionary()
    sources = [pikepdf.open(part.file) for part in parts]
    try:
        for part, source in zip(parts, sources, strict=True):
            first_page = len(out.pages)
            with warnings.catch_warnings():
                # Named destinations and form fields are carried over below, by hand.
                warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
                out.pages.extend(source.pages)
            next_key = _adopt_structure(out, source, document, parent_tree, first_page, next_key)
            for name, destination in _named_destinations(source):
                (stand_ins if name in part.placeholders else destinations)[name] = _copy(out, destination)
            bookmarks.extend(_bookmarks(pikepdf, source, first_page))
            _adopt_fields(out, source, part.field_group, fields, field_fonts)

        root = out.make_indirect(
            Dictionary(
                Type=Name.StructTreeRoot,
                K=Array([document]),
                ParentTree=out.make_indirect(Dictionary(Nums=parent_tree)),
                ParentTreeNextKey=next_key,
            )
        )
        document.P = root
        out.Root.StructTreeRoot = root
        first = sources[0]
        for key in _CATALOG_KEYS:
            if key in first.Root:
                out.Root[key] = _copy(out, first.Root[key])
        out.docinfo = _copy(out, first.docinfo)
        destinations = {**stand_ins, **destinations}  # a part's own anchor beats a stand-in for it
        if destinations:
            names = Array()
            for name in sorted(destinations, key=lambda text: text.encode("utf-16-be")):
                names.extend([pikepdf.String(name), destinations[name]])
            out.Root.Names = Dictionary(Dests=out.make_indirect(Dictionary(Names=names)))
        if bookmarks:
            with out.open_outline() as outline:
                outline.root.extend(bookmarks)
        if fields:
            out.Root.AcroForm = out.make_indirect(
                Dictionary(Fields=fields, DR=Dictionary(Font=field_fonts), NeedAppearances=True)
            )
        return _finish(pikepdf, out, furniture, title)
    finally:
        for source in sources:
            source.close()
        out.close()


def _finish(pikepdf: Any, pdf: Any, furniture: Furniture, title: str) -> bytes:
    stamp_furniture(pdf, furniture)
    pdf.docinfo["/Title"] = title
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as metadata:
        metadata["dc:title"] = title
    output = io.BytesIO()
    pdf.save(output, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True)
    return output.getvalue()


def _adopt_structure(out: Any, source: Any, document: Any, parent_tree: Any, first_page: int, next_key: int) -> int:
    """Hang the source's structure elements under `document` and append its parent tree with keys
    shifted past those already used; the next free key."""
    tree = source.Root.get("/StructTreeRoot")
    if tree is None:
        return next_key
    from pikepdf import Array

    # One copy of the whole tree (a single call, fast); its root and Document element are left
    # behind unreferenced, and are not written.
    tree = out.copy_foreign(tree)
    top = tree.K[0] if isinstance(tree.K, Array) else tree.K
    for element in top.K:
        element.P = document
        document.K.append(element)
    numbers = tree.ParentTree.Nums
    used = 0
    for position in range(0, len(numbers), 2):
        key = int(numbers[position])
        parent_tree.extend([key + next_key, numbers[position + 1]])
        used = max(used, key + 1)
    for page in out.pages[first_page:]:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + next_key
        for annotation in page.obj.get("/Annots", ()):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + next_key
    return next_key + used


def _adopt_fields(out: Any, source: Any, group: str | None, fields: Any, fonts: Any) -> None:
    """Carry the source's form fields over (their widgets came with its pages), under a parent
    field named `group` if given."""
    form = source.Root.get("/AcroForm")
    if form is None or not len(form.get("/Fields", ())):
        return
    from pikepdf import Array, Dictionary, String

    copied = [out.copy_foreign(field) for field in form.Fields]
    if group is None:
        fields.extend(copied)
    else:
        parent = out.make_indirect(Dictionary(T=String(group), Kids=Array(copied)))
        for field in copied:
            field.Parent = parent
        fields.append(parent)
    resources = form.get("/DR")
    for name, font in (resources.get("/Font", {}) if resources is not None else {}).items():
        if name not in fonts:  # the same name is the same font: every part has the same field font
            fonts[name] = out.copy_foreign(font)


def _copy(out: Any, value: Any) -> Any:
    """`value` from another PDF into `out` (copy_foreign takes only indirect objects)."""
    from pikepdf import Array, Dictionary, Object

    if not isinstance(value, Object):  # numbers, booleans: plain Python values
        return value
    if value.is_indirect:
        return out.copy_foreign(value)
    if isinstance(value, Array):
        return Array([_copy(out, item) for item in value])
    if isinstance(value, Dictionary):
        return Dictionary({key: _copy(out, item) for key, item in value.items()})
    return value


def _named_destinations(pdf: Any) -> Iterable[tuple[str, Any]]:
    """The (flat, as WeasyPrint writes it) /Dests name tree."""
    names = pdf.Root.get("/Names")
    dests = names.get("/Dests") if names is not None else None
    if dests is None:
        return []
    flat = dests.get("/Names", ())
    return [(str(flat[position]), flat[position + 1]) for position in range(0, len(flat), 2)]


def _bookmarks(pikepdf: Any, source: Any, first_page: int) -> list[Any]:
    index = {page.obj.objgen: number for number, page in enumerate(source.pages)}

    def convert(item: Any) -> Any:
        destination = item.destination
        page = first_page
        left = top = None
        if isinstance(destination, pikepdf.Array) and len(destination) >= 4:
            page += index.get(destination[0].objgen, 0)
            left, top = float(destination[2]), float(destination[3])
        copy = pikepdf.OutlineItem(item.title, page, "XYZ", left=left, top=top)
        copy.is_closed = item.is_closed
        copy.children.extend(convert(child) for child in item.children)
        return copy

    with source.open_outline() as outline:
        return [convert(item) for item in outline.root]
