"""Which PDF standard the print PDF claims (``--pdf-standard``), and the WeasyPrint options that give it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any



@dataclass(frozen=True)
class PdfStandard:
    """One ``--pdf-standard`` choice."""

    variant: str | None
    """WeasyPrint's ``pdf_variant`` (None: plain PDF 1.7, untagged)."""
    tagged: bool
    """Whether the structure tree is written (and mended by pdf_tags)."""
    archival: bool = False
    """PDF/A: an ICC output intent and no transparency."""


STANDARDS: dict[str, PdfStandard] = {
    "ua1": PdfStandard("pdf/ua-1", True),
    "ua2": PdfStandard("pdf/ua-2", True),
    "a2a": PdfStandard("pdf/a-2a", True, archival=True),
    "a3a": PdfStandard("pdf/a-3a", True, archival=True),
    "none": PdfStandard(None, False),
}


def write_options(standard: PdfStandard) -> dict[str, Any]:
    """Keyword arguments for ``HTML.write_pdf``: the variant, and our tag mending when tags are written."""
    if not standard.tagged:
        return {"pdf_variant": standard.variant} if standard.variant else {}
    from .pdf_tags import artifact_finisher, install_tag_hooks

    install_tag_hooks()

    def finish(document: Any, pdf: Any) -> None:
        artifact_finisher(document, pdf)
        if standard.variant and not standard.variant.startswith("pdf/ua"):
            claim_pdfua(pdf)

    return {"pdf_variant": standard.variant, "pdf_tags": True, "finisher": finish}


# PDF/A allows only the XMP schemas it lists, or ones described in the file: pdfuaid needs this description.
PDFUA_XMP = b"""<rdf:Description xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about=""
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>
<rdf:Description xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about=""
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
"""


def claim_pdfua(pdf: Any) -> None:
    """Add ``pdfuaid:part=1`` to the XMP WeasyPrint wrote for another variant (PDF/A, PDF/X): the file is
    tagged and mended like the ``ua1`` one, so it may say so (outloud and pdfua look for the claim)."""
    from .pdf_fragments import resolve

    metadata = resolve(pdf, pdf.catalog.get("Metadata"))
    if metadata is None:
        return
    xml = b"".join(metadata.stream)
    if b"pdfuaid:part" not in xml:
        metadata.stream[:] = [xml.replace(b"</rdf:RDF>", PDFUA_XMP + b"</rdf:RDF>", 1)]
