// A real SMTP server in the test process (smtp-server), reading what arrives with mailparser. Each
// message's fate is decided by `respond` (250 accepts; 4xx/5xx refuse with that code), which may also
// wait, to hold a message in the middle of its DATA.
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

export interface SmtpAttempt {
  to: string[];
  messageId: string | undefined;
  /** 1 for the first time this Message-ID arrived, 2 for the second… */
  attempt: number;
}

export type Respond = (attempt: SmtpAttempt) => number | Promise<number>;

export interface TestSmtp {
  url: string;
  /** Messages accepted (250), in order. */
  delivered: ParsedMail[];
  attempts: SmtpAttempt[];
  respond: Respond;
  to(address: string): ParsedMail[];
  waitFor(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const seen = new Map<string, number>();
  const smtp: TestSmtp = {
    url: "",
    delivered: [],
    attempts: [],
    respond: () => 250,
    to: (address) => smtp.delivered.filter((m) => addresses(m).includes(address)),
    async waitFor(predicate, what, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        void (async () => {
          const raw = Buffer.concat(chunks);
          const parsed = await simpleParser(raw);
          const id = parsed.messageId;
          const attempt = (seen.get(id ?? "") ?? 0) + 1;
          seen.set(id ?? "", attempt);
          const record = { to: session.envelope.rcptTo.map((r) => r.address), messageId: id, attempt };
          smtp.attempts.push(record);
          const code = await smtp.respond(record);
          if (code === 250) {
            smtp.delivered.push(parsed);
            callback(null, "Queued");
          } else {
            const error = new Error(
              code >= 500 ? "5.1.1 Mailbox unavailable" : "4.7.1 Try again later",
            ) as Error & {
              responseCode: number;
            };
            error.responseCode = code;
            callback(error);
          }
        })();
      });
    },
  });
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  smtp.url = `smtp://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return smtp;
}

function addresses(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((a) => a.value.map((v) => v.address ?? ""));
}
