import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

// y-websocket framing (checked against the stock client): every message starts with a varUint type.
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

// Sync sub-types (y-protocols/sync).
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** A frame the server could not make sense of: the connection that sent it is closed, nobody else is affected. */
export class ProtocolError extends Error {}

export type ClientMessage =
  | { type: "sync-step1"; stateVector: Uint8Array }
  | { type: "sync-update"; update: Uint8Array } // step 2 and update carry the same payload
  | { type: "awareness"; update: Uint8Array }
  | { type: "query-awareness" };

/** Parses one binary frame; throws ProtocolError on anything malformed, truncated or unknown. */
export function parseClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    let message: ClientMessage;
    if (type === MESSAGE_SYNC) {
      const sub = decoding.readVarUint(decoder);
      if (sub === SYNC_STEP1)
        message = { type: "sync-step1", stateVector: decoding.readVarUint8Array(decoder) };
      else if (sub === SYNC_STEP2 || sub === SYNC_UPDATE)
        message = { type: "sync-update", update: decoding.readVarUint8Array(decoder) };
      else throw new ProtocolError(`unknown sync message ${sub}`);
    } else if (type === MESSAGE_AWARENESS) {
      message = { type: "awareness", update: decoding.readVarUint8Array(decoder) };
    } else if (type === MESSAGE_QUERY_AWARENESS) {
      message = { type: "query-awareness" };
    } else {
      throw new ProtocolError(`unknown message type ${type}`);
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError("trailing bytes after message");
    return message;
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(`malformed frame: ${(error as Error).message}`);
  }
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_STEP1);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_STEP2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_UPDATE);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** "Permission denied" with a reason: the stock client only logs it, so it is safe to send to read-only peers. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/** Decodes an awareness update (y-protocols/awareness format) so the server can check and rewrite it. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > 64) throw new ProtocolError("too many awareness entries");
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i += 1) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const parsed: unknown = JSON.parse(decoding.readVarString(decoder));
      if (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed)))
        throw new ProtocolError("awareness state is not an object");
      entries.push({ clientId, clock, state: parsed as Record<string, unknown> | null });
    }
    return entries;
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(`malformed awareness update: ${(error as Error).message}`);
  }
}

export function encodeAwarenessUpdate(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}
