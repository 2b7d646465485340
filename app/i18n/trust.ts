// Messages of the boundary checks (issue "trust nothing a client sends").
export const trustEn = {
  "votes.textHashMissing":
    "Your stance did not say which text it is on. Reload the page and take your stance on the text shown.",
  "errors.tooLarge":
    "What you sent is larger than Acuerdo accepts, so nothing was saved. Shorten it and try again.",
  "errors.badRequest":
    "Acuerdo could not read this request. Nothing was changed. Reload the page and try again.",
};

export const trustEs: Record<keyof typeof trustEn, string> = {
  "votes.textHashMissing":
    "Su posición no indicaba sobre qué texto es. Recargue la página y tome posición sobre el texto que se muestra.",
  "errors.tooLarge":
    "Lo que envió es más grande de lo que Acuerdo acepta, así que no se guardó nada. Acórtelo e inténtelo de nuevo.",
  "errors.badRequest":
    "Acuerdo no pudo leer esta solicitud. No se cambió nada. Recargue la página e inténtelo de nuevo.",
};
