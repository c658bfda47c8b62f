"""Page furniture around an article: what a copied page carries that is not the article's text.

Three kinds, in English, Spanish, Portuguese and French:

- ``LIST``: a heading that opens a list of links ("Related stories", "Lo más leído", "À lire
  aussi"). The heading and the lines right under it (no blank line between) are dropped; prose
  after the list may still be the article (a "Read more:" box inside the text).
- ``END``: a line that only comes after the text (tags, share bars, comment sections, copyright
  and legal lines, newsletter and cookie notices, blog post footers, wire credits). The text ends
  there; what follows is furniture unless a new article (a headline with text under it) starts.
- ``INLINE``: a one-line link inside the text ("Lire aussi : Nantes ..."); only that line goes.

Only whole short lines are judged, so a sentence mentioning comments or cookies stays.
"""

from __future__ import annotations

import re

LIST, END, INLINE = "list", "end", "inline"
_MAX_LENGTH = 200

_LIST_HEADINGS = (
    r"related(?: (?:posts?|stories|articles|content|news|coverage|topics|reading))?|more on this (?:story|topic)|"
    r"more (?:stories|news|from .{2,40})|(?:you )?(?:may|might) also (?:like|be interested in)|read (?:more|next|also)|"
    r"also read|see also|further reading|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|"
    r"(?:popular|random|recent|latest|top|recommended|featured) (?:posts|stories|articles|news)|recommended(?: for you)?|"
    r"top stories|what to read next|editor'?s picks|blog archive|archives?|about me|about the blog|"
    r"(?:artículos|noticias|notas|entradas|publicaciones) (?:relacionad[oa]s|populares|recientes|destacad[oa]s)|"
    r"(?:también )?te puede interesar|(?:también )?le puede interesar|lo más (?:leído|visto|compartido)|"
    r"más (?:leíd[oa]s|vist[oa]s|noticias)|archivo del blog|datos personales|seguí leyendo|sigue leyendo|"
    r"lee también|lea también|ver (?:más|también)|otras noticias|"
    r"leia (?:também|mais)|mais (?:lidas|vistas|notícias)|veja (?:também|mais)|notícias relacionadas|saiba mais|"
    r"(?:à )?lire aussi|sur le même sujet|les plus lus|articles similaires|voir aussi|dans la même rubrique|"
    r"à voir aussi|nos derniers articles|contenido relacionado|conteúdo relacionado|more \w+s|more for you|"
    r"in this (?:issue|edition)|en este número|dans ce numéro|nesta edição|explore more on (?:this|these) topics?"
)
_LIST = re.compile(rf"^(?:{_LIST_HEADINGS})\s*:?$", re.IGNORECASE)
_INLINE = re.compile(
    r"^(?:read|lea|leia|lee|lire|read (?:more|also)|also read|veja mais|see also|related|(?:à )?lire aussi|lee también|lea también|leia também|"
    r"leia mais|veja também|ver también)\s*:\s*\S.{3,}$",
    re.IGNORECASE,
)
_END_LINES = (
    # comment sections and their prompts
    r"(?:no|\d+) comments?\s*:?|comments?(?: \(\d+\))?|post a comment|leave a (?:reply|comment)(?: cancel reply)?|"
    r"(?:one|\d+) (?:thoughts?|responses?|repl(?:y|ies)) (?:on|to) .+|sign in to comment|log in to comment|"
    r"you must be logged in to post a comment\.?|"
    r"(?:no hay|\d+) comentarios?\s*:?|comentarios?(?: \(\d+\))?|publicar un comentario|inicia sesión para comentar|"
    r"los comentarios son responsabilidad de sus autores\.?|"
    r"comentários?(?: \(\d+\))?|(?:sem|\d+) comentários?\s*:?|para comentar, inicie sessão\.?|"
    r"commentaires?(?: \(\d+\))?|réagissez|réagir à cet article|imprimer|print(?: this)?(?: article| page)?|"
    r"notes to editors:?|reuse this content|abonnez-vous\b.*|déjà abonné.*|already a subscriber.*|"
    r"(?:ya )?(?:eres|sos) suscriptor.*|já é assinante.*|assine\b.{0,60}|subscribers? only.*|discussion about this post|(?:first|originally) published on\b.*|"
    r"sign up\b.{0,80}|subscribe\b.{0,80}|.*\bsupport (?:our|independent) (?:work|journalism)\b.*|"
    r".*\bindependent journalism\b.*|.*\bnon-?profit newsroom\b.*|veja mais\b.*|"
    r".*\b(?:the views|the opinions) expressed\b.*|.*\bopiniones expresadas\b.*|.*\bopiniões expressas\b.*|"
    r".*\bopinions exprimées\b.*|notas para (?:los )?editores:?|continue reading|seguir leyendo|continuar lendo|"
    r"lire la suite|feedback|comentar|(?:aucun|\d+) commentaires?\s*:?|"
    # tag, category and label lines
    r"(?:tags?|tagged(?: with)?|labels?|categor(?:y|ies)|filed under|posted in|topics|etiquetas|temas(?: relacionados)?|"
    r"categorías?|palabras clave|marcadores|palavras-chave|tópicos|mots-clés|catégories?|thèmes)\s*:.*|"
    # share bars and blog post footers
    r"(?:share|partager|partilhe|compartir|compartilhe|comparte)(?: (?:this|este|esta|cet|on|en|no|sur)\b.*)?:?|"
    r"(?:download|descargar|descargue|télécharger|baixar)\b.{0,80}\b(?:pdf|report|informe|rapport|relatório)\b.*|"
    r"like this:?|like loading\.*|email this.*|enviar por correo electrónico.*|enviar por e-mail.*|"
    r"(?:newer|older) posts?.*|entrada(?:s)? más reciente.*|entrada antigua.*|postagem mais recente.*|"
    r"subscribe to:? post(?:s)? (?:comments )?\(atom\)|suscribirse a:?.*\(atom\)|assinar:?.*\(atom\)|"
    r"post navigation|[←«]?\s*previous (?:post|article|story)\b.*|next (?:post|article|story)\b.*|"
    r"view my complete profile|premium(?: article| content| story)?|exclusive to subscribers|"
    # newsletter platforms' post footers: 'Thanks for reading X! Subscribe...', '12 Likes', '214 Followers'
    r"thanks for reading\b.{0,160}|\d+(?:[.,]\d+)?k? (?:likes?|restacks?|followers?|claps?|shares?|reposts?)|"
    r"gracias por leer\b.{0,160}|merci de (?:votre|nous) lire\b.{0,160}|obrigad[oa] por ler\b.{0,160}|"
    r"ver todo mi perfil|"
    # newsletters and cookie notices
    r"(?:sign up|subscribe|register)\b.{0,60}(?:newsletter|inbox|briefing).*|newsletter(?: .{1,60})?|"
    r"get .{1,40} in your inbox.*|suscr[ií]b(?:e|ete|ite)\b.*|sign (?:up|in) here\.?|"
    r"recib[ií]\b.{0,60}\b(?:correo|e-?mail|bandeja|newsletter)\b.*|recevez (?:chaque|nos|notre|gratuitement).*|"
    r"receba (?:as|nossas|a newsletter).*|enter your email|manage (?:preferences|cookies|settings)|"
    r"(?:accept|reject|refuse|aceptar|rechazar|accepter|refuser|aceitar|recusar) (?:all|todo|todas?|tout)|"
    r".*\b(?:we use|this (?:web)?site uses|usamos|utilizamos|nous utilisons|este sitio (?:web )?usa)\b.{0,30}\bcookies\b.*|"
    r"cookies? (?:on|settings|policy|preferences|en|de|sur)\b.*|(?:accept|aceptar|accepter) (?:all )?cookies.*|"
    # copyright, legal and credits
    r"©.*|.*©\s*(?:\d{4}|copyright)\b.*|.*\bregistered charity\b.*|follow us on\b.*|síguenos en\b.*|"
    r"get (?:full|unlimited) access\b.*|\(c\) \d{4}.*|copyright\b.*|.*\ball rights reserved\.?|.*\btodos los derechos reservados\.?|"
    r".*\bdireitos reservados\.?|.*\btous droits réservés\.?|(?:proudly )?powered by .*|.*con la tecnología de blogger\.?|"
    r"privacy policy.*|aviso de privacidad.*|política de privacidad.*|mentions légales.*|terms of (?:use|service).*|"
    r"our standards:.*|(?:additional )?reporting by .*|editing by .*|writing by .*|compiled by .*|"
    r"(?:previous|next) message:.*|messages sorted by:.*|.* mailing list|.*/listinfo/.*|"
    r"(?:theme|tema)\s*(?::|sencillo|simple).*|simple theme\..*"
)
_END = re.compile(rf"^(?:{_END_LINES})$", re.IGNORECASE)
# Blog posts copied from Blogger print the share buttons glued together: 'Share to TwitterShare to Facebook'.
_GLUED_SHARE = re.compile(r"(?:share|compartir|partager) (?:to|en|on|con|sur) \w+(?:share|compartir|partager)",
                          re.IGNORECASE)
# A line of links separated by bars: 'Home | News | Sport', 'Aviso de privacidad | Contacto'.
_BAR_MENU = re.compile(r"^[^|.!?]{1,30}(?:\s*\|\s*[^|.!?]{1,30}){2,}$")


def furniture_kind(text: str) -> str | None:
    """LIST, END or INLINE when the block is page furniture, else None."""
    # Leading emoji and bullets ('📣 Follow us on WhatsApp') say nothing about the line.
    line = re.sub(r"^[^\w\"“«¿¡(\[©]+", "", " ".join(text.split()))
    if not line or len(line) > _MAX_LENGTH:
        return None
    if _LIST.match(line):
        return LIST
    if _INLINE.match(line):
        return INLINE
    if _END.match(line) or _GLUED_SHARE.search(line) or (_BAR_MENU.match(line) and not _has_date(line)):
        return END
    return None


def _has_date(line: str) -> bool:
    from .dates import find_dates

    return bool(find_dates(line))
