// Strings of the time zone setting and of relative times (issue 17).
export const timesEn = {
  "papers.updatedLabel": "Updated",
  "timeZone.nav": "Time zone",
  "timeZone.title": "Time zone",
  "timeZone.help":
    "Every date and time in Acuerdo is shown in this zone. We take it from your browser when you sign in.",
  "timeZone.label": "Your time zone",
  "timeZone.current": "Now it is {time}.",
  "timeZone.save": "Save time zone",
  "timeZone.saved": "Time zone saved.",
  "timeZone.invalid": "Choose a time zone from the list.",
  "versions.voteOpenedLabel": "Vote opened {date}",
};

export const timesEs: Record<keyof typeof timesEn, string> = {
  "papers.updatedLabel": "Actualizado",
  "timeZone.nav": "Zona horaria",
  "timeZone.title": "Zona horaria",
  "timeZone.help":
    "Todas las fechas y horas de Acuerdo se muestran en esta zona. La tomamos de su navegador al iniciar sesión.",
  "timeZone.label": "Su zona horaria",
  "timeZone.current": "Ahora son las {time}.",
  "timeZone.save": "Guardar zona horaria",
  "timeZone.saved": "Zona horaria guardada.",
  "timeZone.invalid": "Elija una zona horaria de la lista.",
  "versions.voteOpenedLabel": "Votación abierta el {date}",
};
