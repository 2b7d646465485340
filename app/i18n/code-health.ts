// Messages for refusals the permission policy explains (app/modules/policy).
export const codeHealthEn = {
  "errors.paperStatus":
    "The paper's current status does not allow this. Reload the page to see where it stands.",
};

export const codeHealthEs: Record<keyof typeof codeHealthEn, string> = {
  "errors.paperStatus":
    "El estado actual del documento no lo permite. Vuelva a cargar la página para ver en qué punto está.",
};
