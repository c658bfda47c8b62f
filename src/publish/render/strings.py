"""The catalogue of book strings (headings, labels, notices) per language; templates never hard-code them."""

from __future__ import annotations

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "contents": "Contents",
        "landmarks": "Guide",
        "cover": "Cover",
        "title_page": "Title page",
        "copyright": "Copyright",
        "sources": "Sources",
        "sources_intro": "Where each article first appeared, as its source records it. "
        "Fields the source does not state are marked “not recorded”; nothing here is guessed.",
        "not_recorded": "not recorded",
        "unknown_publication": "publication not recorded",
        "original_title": "Original title",
        "authors": "Authors",
        "publication": "Publication",
        "date": "Date",
        "url": "Web address",
        "accessed": "Accessed",
        "rights": "Rights",
        "by": "By",
        "and": "and",
        "edited_by": "Edited by",
        "about_author": "About the author",
        "about_authors": "About the authors",
        "notes": "Notes",
        "back_to_text": "Back to the text",
        "photo": "Photo",
        "photo_missing": "The photograph did not survive in the source; its caption is kept.",
        "post_by": "Post by",
        "first_published": "First published in",
        "source_label": "Source",
        "edition": "Edition",
        "identifier": "Identifier",
        "typeset": "Set in Linux Libertine. Made with publish, an offline publishing toolchain.",
        "cover_alt": "Cover: {title}",
        "translation": "Translation",
        "translated_from": "Translated from {lang}",
        "translation_by_machine": "Machine draft by {engines}",
        "translation_reviewed": "Reviewed by a person: {reviewed} of {segments} segments ({share}; {edited} edited, {approved} approved)",
        "translation_untranslated": "{count} segments left in the original language",
        "translation_none": "not translated yet",
        "translators": "Translators",
        "original_edition": "Original edition",
        "machine_notice_title": "About this translation",
        "machine_notice": "This translation is a machine draft. Only {share} of its {segments} segments have been "
        "reviewed by a person. The Sources pages at the end say, article by article, how it was made.",
        "language_en": "English",
        "language_es": "Spanish",
    },
    "es": {
        "contents": "Índice",
        "landmarks": "Guía",
        "cover": "Cubierta",
        "title_page": "Portada",
        "copyright": "Créditos",
        "sources": "Fuentes",
        "sources_intro": "Dónde apareció por primera vez cada artículo, según su fuente. "
        "Los datos que la fuente no indica figuran como «no consta»; aquí no se supone nada.",
        "not_recorded": "no consta",
        "unknown_publication": "publicación no consta",
        "original_title": "Título original",
        "authors": "Autores",
        "publication": "Publicación",
        "date": "Fecha",
        "url": "Dirección web",
        "accessed": "Consultado",
        "rights": "Derechos",
        "by": "Por",
        "and": "y",
        "edited_by": "Edición a cargo de",
        "about_author": "Sobre el autor",
        "about_authors": "Sobre los autores",
        "notes": "Notas",
        "back_to_text": "Volver al texto",
        "photo": "Foto",
        "photo_missing": "La fotografía no se conservó en la fuente; se mantiene su pie.",
        "post_by": "Publicación de",
        "first_published": "Publicado originalmente en",
        "source_label": "Fuente",
        "edition": "Edición",
        "identifier": "Identificador",
        "typeset": "Compuesto en Linux Libertine. Hecho con publish, una herramienta de edición sin conexión.",
        "cover_alt": "Cubierta: {title}",
        "translation": "Traducción",
        "translated_from": "Traducido del {lang}",
        "translation_by_machine": "Borrador automático de {engines}",
        "translation_reviewed": "Revisado por una persona: {reviewed} de {segments} segmentos ({share}; {edited} editados, {approved} aprobados)",
        "translation_untranslated": "{count} segmentos quedan en la lengua original",
        "translation_none": "aún sin traducir",
        "translators": "Traducción a cargo de",
        "original_edition": "Edición original",
        "machine_notice_title": "Sobre esta traducción",
        "machine_notice": "Esta traducción es un borrador automático. Solo el {share} de sus {segments} segmentos "
        "ha sido revisado por una persona. Las páginas de Fuentes, al final, explican artículo por artículo cómo se hizo.",
        "language_en": "inglés",
        "language_es": "español",
    },
}


def strings_for(lang: str) -> dict[str, str]:
    """The catalogue for ``lang``; a bilingual tag (``en-es``) joins both languages' strings with " / "."""
    first, _, second = lang.lower().partition("-")
    one = CATALOGUE.get(first, CATALOGUE["en"])
    if not second or second not in CATALOGUE:
        return one
    two = CATALOGUE[second]
    return {key: value if value == two[key] or "{" in value else f"{value} / {two[key]}"
            for key, value in one.items()}


def percent(share: float, lang: str) -> str:
    """A share as readers of ``lang`` write it: "12%" in English, "12 %" in Spanish."""
    value = f"{share * 100:.0f}"
    return f"{value}\u00a0%" if lang.startswith("es") else f"{value}%"
