import { data } from "@remix-run/node";
import type { MessageKey } from "~/i18n/messages";
import { UserError } from "~/modules/errors";
import type { FieldErrors } from "~/modules/validation";

export interface ActionFailure {
  ok: false;
  error: MessageKey;
  params?: Record<string, string | number>;
  fieldErrors?: FieldErrors;
  values?: Record<string, string>;
}

export function failure(status: number, body: Omit<ActionFailure, "ok">) {
  return data<ActionFailure>({ ok: false, ...body }, { status });
}

/** Turns a refusal the person can act on into a response; anything else is a real error and propagates. */
export async function handleUserErrors<T>(fn: () => Promise<T>) {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof UserError) return failure(error.status, { error: error.key, params: error.params });
    throw error;
  }
}
