"""Web-copy noise: lines that come along when a page is copied but are not part of the article.

Share buttons, comment-form leftovers, "click here" prompts and the like are dropped whole; e-mail
addresses are cut out of bylines (they are often glued to the last name: ``Doejane.doe@x.org``).
Only whole short lines are dropped, so a sentence that merely mentions Twitter stays.
"""

from __future__ import annotations

import re

_SHARE_WORDS = {
    "share", "shares", "tweet", "email", "e-mail", "mail", "print", "facebook", "twitter", "x", "whatsapp",
    "telegram", "linkedin", "reddit", "pinterest", "messenger", "flipboard", "pocket", "copy", "link", "copied",
    "this", "article", "story", "on", "via", "compartir", "comparte", "imprimir", "correo", "teilen", "partager",
    "save", "bookmark", "comments", "comment", "0", "like", "follow", "us",
}
_SHARE_HINTS = {"share", "tweet", "facebook", "twitter", "whatsapp", "telegram", "linkedin", "reddit", "pinterest",
                "compartir", "comparte", "teilen", "partager", "print", "imprimir"}

_NOISE_LINES = re.compile(
    r"^(?:"
    r"leave a (?:reply|comment)|cancel reply|post comment|submit comment|add (?:a )?comment|\d+ comments?|"
    r"(?:name|email|e-mail|website|comment|nombre|correo electrónico|comentario)\s*\*?|"
    r"your email address will not be published\.?.*|required fields are marked.*|"
    r"save my name, email, and website in this browser.*|notify me of (?:follow-up comments|new posts).*|"
    r"deja (?:un comentario|una respuesta)|tu dirección de correo electrónico no será publicada.*|"
    r"los campos obligatorios están marcados.*|"
    r"advertisement|advertising|publicidad|anuncio|sponsored|"
    r"subscribe(?: now| to our newsletter| here)?\.?|sign up for (?:our|the) newsletter.*|"
    r"suscr[ií]bete.*|read more\.?|leer más\.?|"
    r"skip to (?:main )?content|(?:ir|pular) para o conteúdo(?: principal)?|ir al contenido(?: principal)?|"
    r"(?:aller|passer) au contenu(?: principal)?|saltar al contenido(?: principal)?|view (?:this email|it|this newsletter) in (?:your|a) (?:web )?browser\.?|"
    r"ver (?:este correo|en el navegador).{0,40}|back to top|share this(?: article| story)?:?|"
    r"follow us on .{1,40}|síguenos en .{1,40}|listen to this article|escucha este artículo|"
    # buttons and counters of newsletter platforms: 'Follow', 'Listen', '12' (likes), '·'
    r"follow|listen|open in app|write|published in|\d{1,5}|[·•|]+"
    r")$",
    re.IGNORECASE,
)
_CLICK_HERE = re.compile(r"\b(?:click here|tap here|haz clic aquí|haga clic aquí|pulse aquí|pincha aquí|klicken sie hier)\b",
                         re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+")
_MAX_NOISE_LENGTH = 200


def is_noise_line(line: str) -> bool:
    """True for a whole line that is web furniture rather than article text."""
    text = line.strip()
    if not text or len(text) > _MAX_NOISE_LENGTH:
        return False
    if _NOISE_LINES.match(text) or _CLICK_HERE.search(text):
        return True
    return _is_share_line(text)


def _is_share_line(text: str) -> bool:
    # "Share on Facebook | Tweet | Email": every word is a share-button word, and at least one
    # of them is unmistakably a button (so a line saying just "This story" is not dropped).
    words = [w for w in re.split(r"[\s|,·•/:()\[\]]+", text.lower()) if w]
    return bool(words) and all(w in _SHARE_WORDS for w in words) and any(w in _SHARE_HINTS for w in words)


def strip_emails(text: str) -> str:
    """Remove e-mail addresses, un-gluing one stuck to a name (``Vargasollie@x.org`` -> ``Vargas``)."""
    tokens = []
    for token in text.split(" "):
        core = token.strip("()<>[],;:")
        if _EMAIL.fullmatch(core):
            # A capitalised token may be a name with the address glued on; anything else is just the address.
            token = _unglue(core, text) if core[:1].isupper() else ""
        tokens.append(token)
    return " ".join(t for t in tokens if t).strip(" |,;:-–—")


def _unglue(token: str, names_hint: str) -> str:
    """Split ``Doejane.doe@x.org`` into the name part ``Doe`` and the address.

    The address's local part is lower case while the name ends in a capitalised word, so every
    split point after a capitalised run is a candidate; the one whose address starts with a word
    of the name (``jane``) wins, else the longest capitalised prefix.
    """
    at = token.index("@")
    hint = names_hint.replace(token, " ")
    name_words = {w.lower() for w in re.findall(r"[^\W\d_]+", hint) if len(w) > 1}
    candidates = []
    for cut in range(1, at):
        prefix, local = token[:cut], token[cut:at]
        if re.fullmatch(r"(?:\w+[-'’.])*[A-ZÀ-Þ][^\W\d_]*", prefix) and local[:1].islower():
            candidates.append((prefix, local))
    for prefix, local in reversed(candidates):
        # jane.doe@, ollie@, or initials such as aq@ for Ana Quispe.
        starts = {w for w in name_words if w != prefix.lower()} | {w[0] + prefix[0].lower() for w in name_words}
        if any(local.lower().startswith(w) for w in starts):
            return prefix
    # No name word to anchor on: the address is most likely all lower case after the last capital.
    return candidates[0][0] if candidates else ""
