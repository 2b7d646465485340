// What the inbox page accepts: mark one notification read, or all of them.
import { z } from "zod";

export const inboxActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }),
  z.object({ intent: z.literal("readAll") }),
]);
