// "Ask the group": a silence procedure on one suggestion (issue 18), on its card, its vote page and in the
// audit log.
export const askGroupEn = {
  "askGroup.open": "Ask the group",
  "askGroup.open.label": "Ask the group about the suggestion by {author}: {change}",
  "askGroup.title": "Ask the group",
  "askGroup.help":
    "The group decides this suggestion by silence procedure: it is accepted at the deadline unless someone breaks silence with a statement, and rejected if anyone does. Until then nobody accepts or rejects it by hand.",
  "askGroup.deadline": "Deadline",
  "askGroup.deadlineHelp":
    "In your time zone ({zone}); at least {minutes} minutes and at most {days} days from now.",
  "askGroup.note": "A note for the group (optional)",
  "askGroup.noteHelp": "Why you ask: what the disagreement is about.",
  "askGroup.submit": "Start the silence procedure",
  "askGroup.keep": "Not now",
  "askGroup.silence": "Silence procedure until",
  "askGroup.statements.one": "1 statement",
  "askGroup.statements.other": "{count} statements",
  "askGroup.link": "Open the silence procedure",
  "askGroup.onSuggestion": "Silence procedure on one suggestion",
  "askGroup.link.label": "Open the silence procedure on the suggestion: {change}",
  "askGroup.underSilence":
    "This suggestion is before the group in a silence procedure: it is decided when the procedure closes. Until then nobody accepts, rejects or withdraws it by hand.",
  "askGroup.deadlineTooSoon": "The deadline must be at least {minutes} minutes from now.",
  "askGroup.deadlineTooFar":
    "A silence procedure on a suggestion lasts at most {days} days: choose an earlier deadline.",
  "askGroup.noteTooLong": "The note is too long: at most 1,000 characters.",
  "askGroup.vote.title": "Silence procedure on a suggestion in “{title}”",
  "askGroup.vote.change": "The suggestion under decision",
  "askGroup.vote.by": "Suggested by {author} · Section: {section}",
  "askGroup.vote.askedBy": "{name} asked the group.",
  "askGroup.vote.note": "Their note",
  "askGroup.vote.rule":
    "Accepted and applied to the text at the deadline unless someone breaks silence with a statement; rejected if anyone does.",
  "askGroup.vote.hash": "SHA-256 of the change under decision:",
  "askGroup.vote.showInPaper": "Show the paper",
  "askGroup.outcome.accepted": "Silence was kept: the suggestion was accepted and applied to the text.",
  "askGroup.outcome.rejected": "Silence was broken: the suggestion was rejected.",
  "askGroup.outcome.cancelled": "The procedure was cancelled: the suggestion is pending again.",
  "audit.event.suggestion.group_asked":
    "{actor} asked the group about {author}’s suggestion in {paper} (silence procedure until {deadline}): {change}",
  "audit.event.suggestion.group_accepted":
    "The group accepted {author}’s suggestion in {paper} (silence kept): {change}",
  "audit.event.suggestion.group_rejected":
    "The group rejected {author}’s suggestion in {paper} (silence broken): {change}",
  "audit.event.vote.cancelled.suggestion":
    "{actor} cancelled the silence procedure on a suggestion in {paper}: {reason}",
  "audit.kind.suggestion.group_asked": "Group asked about a suggestion",
  "audit.kind.suggestion.group_decided": "Suggestion decided by the group",
  "inbox.kind.suggestionVote": "The group is asked about a suggestion (silence procedure)",
  "inbox.kind.suggestionVote.accepted": "A silence procedure on a suggestion closed: accepted",
  "inbox.kind.suggestionVote.rejected": "A silence procedure on a suggestion closed: rejected",
  "mail.subject.suggestionVote.opened": "[{group}] The group is asked about a suggestion in “{paper}”",
  "mail.subject.suggestionVote.reminder":
    "[{group}] Reminder: the silence procedure on a suggestion in “{paper}” closes {deadline}",
  "mail.subject.suggestionVote.accepted": "[{group}] A suggestion in “{paper}” was accepted by silence",
  "mail.subject.suggestionVote.rejected":
    "[{group}] A suggestion in “{paper}” was rejected: silence was broken",
  "mail.line.suggestionVote.change": "The suggestion: {change} ({author})",
  "mail.line.suggestionVote.accepted":
    "Silence was kept on a suggestion in “{paper}”: it was accepted ({time}).",
  "mail.line.suggestionVote.rejected":
    "Silence was broken on a suggestion in “{paper}”: it was rejected ({time}).",
};

export const askGroupEs: Record<keyof typeof askGroupEn, string> = {
  "askGroup.open": "Consultar al grupo",
  "askGroup.open.label": "Consultar al grupo sobre la sugerencia de {author}: {change}",
  "askGroup.title": "Consultar al grupo",
  "askGroup.help":
    "El grupo decide esta sugerencia por procedimiento de silencio: se acepta en el plazo salvo que alguien rompa el silencio con una declaración, y se rechaza si alguien lo hace. Hasta entonces nadie la acepta ni la rechaza a mano.",
  "askGroup.deadline": "Plazo",
  "askGroup.deadlineHelp":
    "En su zona horaria ({zone}); al menos {minutes} minutos y como mucho {days} días a partir de ahora.",
  "askGroup.note": "Una nota para el grupo (opcional)",
  "askGroup.noteHelp": "Por qué consulta: en qué consiste el desacuerdo.",
  "askGroup.submit": "Iniciar el procedimiento de silencio",
  "askGroup.keep": "Ahora no",
  "askGroup.silence": "Procedimiento de silencio hasta el",
  "askGroup.statements.one": "1 declaración",
  "askGroup.statements.other": "{count} declaraciones",
  "askGroup.link": "Abrir el procedimiento de silencio",
  "askGroup.onSuggestion": "Procedimiento de silencio sobre una sugerencia",
  "askGroup.link.label": "Abrir el procedimiento de silencio sobre la sugerencia: {change}",
  "askGroup.underSilence":
    "Esta sugerencia está ante el grupo en un procedimiento de silencio: se decide cuando el procedimiento se cierre. Hasta entonces nadie la acepta, rechaza ni retira a mano.",
  "askGroup.deadlineTooSoon": "El plazo debe ser de al menos {minutes} minutos a partir de ahora.",
  "askGroup.deadlineTooFar":
    "Un procedimiento de silencio sobre una sugerencia dura como mucho {days} días: elija un plazo anterior.",
  "askGroup.noteTooLong": "La nota es demasiado larga: como mucho 1000 caracteres.",
  "askGroup.vote.title": "Procedimiento de silencio sobre una sugerencia en «{title}»",
  "askGroup.vote.change": "La sugerencia que se decide",
  "askGroup.vote.by": "Sugerida por {author} · Sección: {section}",
  "askGroup.vote.askedBy": "{name} consultó al grupo.",
  "askGroup.vote.note": "Su nota",
  "askGroup.vote.rule":
    "Se acepta y se aplica al texto en el plazo salvo que alguien rompa el silencio con una declaración; se rechaza si alguien lo hace.",
  "askGroup.vote.hash": "SHA-256 del cambio que se decide:",
  "askGroup.vote.showInPaper": "Mostrar el documento",
  "askGroup.outcome.accepted": "Se guardó silencio: la sugerencia se aceptó y se aplicó al texto.",
  "askGroup.outcome.rejected": "Se rompió el silencio: la sugerencia se rechazó.",
  "askGroup.outcome.cancelled": "El procedimiento se canceló: la sugerencia vuelve a estar pendiente.",
  "audit.event.suggestion.group_asked":
    "{actor} consultó al grupo sobre la sugerencia de {author} en {paper} (procedimiento de silencio hasta el {deadline}): {change}",
  "audit.event.suggestion.group_accepted":
    "El grupo aceptó la sugerencia de {author} en {paper} (se guardó silencio): {change}",
  "audit.event.suggestion.group_rejected":
    "El grupo rechazó la sugerencia de {author} en {paper} (se rompió el silencio): {change}",
  "audit.event.vote.cancelled.suggestion":
    "{actor} canceló el procedimiento de silencio sobre una sugerencia en {paper}: {reason}",
  "audit.kind.suggestion.group_asked": "Consulta al grupo sobre una sugerencia",
  "audit.kind.suggestion.group_decided": "Sugerencia decidida por el grupo",
  "inbox.kind.suggestionVote": "Se consulta al grupo sobre una sugerencia (procedimiento de silencio)",
  "inbox.kind.suggestionVote.accepted":
    "Un procedimiento de silencio sobre una sugerencia se cerró: aceptada",
  "inbox.kind.suggestionVote.rejected":
    "Un procedimiento de silencio sobre una sugerencia se cerró: rechazada",
  "mail.subject.suggestionVote.opened": "[{group}] Se consulta al grupo sobre una sugerencia en «{paper}»",
  "mail.subject.suggestionVote.reminder":
    "[{group}] Recordatorio: el procedimiento de silencio sobre una sugerencia en «{paper}» cierra el {deadline}",
  "mail.subject.suggestionVote.accepted": "[{group}] Una sugerencia en «{paper}» se aceptó por silencio",
  "mail.subject.suggestionVote.rejected":
    "[{group}] Una sugerencia en «{paper}» se rechazó: se rompió el silencio",
  "mail.line.suggestionVote.change": "La sugerencia: {change} ({author})",
  "mail.line.suggestionVote.accepted":
    "Se guardó silencio sobre una sugerencia en «{paper}»: se aceptó ({time}).",
  "mail.line.suggestionVote.rejected":
    "Se rompió el silencio sobre una sugerencia en «{paper}»: se rechazó ({time}).",
};
