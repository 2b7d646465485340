import type { MessageKey } from "~/i18n/messages";

/** A refusal the person can act on: carries a message key shown in their language, and an HTTP status. */
export class UserError extends Error {
  constructor(
    public readonly key: MessageKey,
    public readonly status = 400,
    public readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = "UserError";
  }
}
