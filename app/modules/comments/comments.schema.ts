import { z } from "zod";
import { COMMENT_MAX_LENGTH, QUOTE_MAX_LENGTH } from "./comment-rules";
import { MAX_ENCODED_POSITION } from "./anchors";

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: "errors.invalidInput" });

export const commentBodySchema = z
  .string({ message: "comments.bodyRequired" })
  .transform((body) => body.normalize("NFC").replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .min(1, { message: "comments.bodyRequired" })
      .max(COMMENT_MAX_LENGTH, { message: "comments.bodyTooLong" }),
  );

const optionalPosition = z
  .string()
  .max(MAX_ENCODED_POSITION, { message: "errors.invalidInput" })
  .optional()
  .transform((value) => (value === "" || value === undefined ? null : value));

export const createThreadSchema = z
  .object({
    sectionKey: z.string().regex(/^[a-z0-9_:-]{1,64}$/i, { message: "errors.invalidInput" }),
    anchorStart: optionalPosition,
    anchorEnd: optionalPosition,
    quote: z
      .string()
      .optional()
      .transform((value) => (value ?? "").normalize("NFC").trim().slice(0, QUOTE_MAX_LENGTH)),
    body: commentBodySchema,
  })
  .refine((value) => (value.anchorStart === null) === (value.anchorEnd === null), {
    message: "errors.invalidInput",
    path: ["anchorStart"],
  });

export const replySchema = z.object({ threadId: id, body: commentBodySchema });
export const editCommentSchema = z.object({ commentId: id, body: commentBodySchema });
export const commentIdSchema = z.object({ commentId: id });
export const threadIdSchema = z.object({ threadId: id });

export type CreateThreadInput = z.infer<typeof createThreadSchema>;
