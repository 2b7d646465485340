// What to do after a delivery attempt: SMTP 4xx (and a server that cannot be reached) are retried with
// exponential backoff; 5xx is final and recorded with the server's reason.

export const MAX_ATTEMPTS = 8;
export const MAX_BACKOFF_MS = 60 * 60 * 1000;

export type DeliveryOutcome =
  { status: "SENT" } | { status: "RETRY"; at: Date; error: string } | { status: "FAILED"; error: string };

export interface SendError {
  /** The SMTP reply code, when the server answered. */
  responseCode?: number;
  /** The server's reply line or the error's message. */
  message: string;
}

/** Delay before the next attempt after `attempts` tries: base, 2×base, 4×base… capped at an hour. */
export function backoffMs(attempts: number, baseMs: number): number {
  return Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}

export function isPermanent(error: SendError): boolean {
  return error.responseCode !== undefined && error.responseCode >= 500 && error.responseCode < 600;
}

export function classifyFailure(
  error: SendError,
  attempts: number,
  now: Date,
  baseMs: number,
): DeliveryOutcome {
  const reason = error.message.replace(/\s+/g, " ").trim().slice(0, 500) || "unknown error";
  if (isPermanent(error)) return { status: "FAILED", error: reason };
  if (attempts >= MAX_ATTEMPTS)
    return { status: "FAILED", error: `gave up after ${attempts} attempts: ${reason}` };
  return { status: "RETRY", at: new Date(now.getTime() + backoffMs(attempts, baseMs)), error: reason };
}
