// A request's form, or a 4xx the person can read: a body in another content type (JSON, plain text),
// multipart without a boundary or cut short, or a charset nobody knows is the sender's mistake, not a
// server error. Routes call this instead of request.formData().

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

function refusal(status: number): Response {
  return new Response(
    "Acuerdo could not read this request. Nothing was changed. Reload the page and try again.\n" +
      "Acuerdo no pudo leer esta solicitud. No se cambió nada. Recargue la página e inténtelo de nuevo.\n",
    { status, headers: { "Content-Type": "text/plain; charset=utf-8" } },
  );
}

export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) throw refusal(415);
  try {
    return await request.formData();
  } catch {
    throw refusal(400);
  }
}
