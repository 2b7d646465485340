import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as authProtocol from "y-protocols/auth";
import * as syncProtocol from "y-protocols/sync";
import type * as Y from "yjs";

// y-websocket framing: every message starts with a varUint type (y-websocket's own constants, which its
// server module does not export). The sub-messages are y-protocols' own: outgoing frames are written by
// its encoders; incoming frames are read here, strictly (unknown types, truncation and trailing bytes
// are refused), because y-protocols' readers apply a frame to the document as they read it.
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

const SYNC_STEP1 = syncProtocol.messageYjsSyncStep1;
const SYNC_STEP2 = syncProtocol.messageYjsSyncStep2;
const SYNC_UPDATE = syncProtocol.messageYjsUpdate;

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

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1: the document's state vector, asking the peer for what it has that we lack. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return frame(MESSAGE_SYNC, (encoder) => syncProtocol.writeSyncStep1(encoder, doc));
}

/** Sync step 2: what the peer lacks (an update encoded against its state vector). */
export function encodeSyncStep2(missing: Uint8Array): Uint8Array {
  return frame(MESSAGE_SYNC, (encoder) => {
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(encoder, missing);
  });
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  return frame(MESSAGE_SYNC, (encoder) => syncProtocol.writeUpdate(encoder, update));
}

export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  return frame(MESSAGE_AWARENESS, (encoder) => encoding.writeVarUint8Array(encoder, update));
}

/** "Permission denied" with a reason: the stock client only logs it, so it is safe to send to read-only peers. */
export function encodePermissionDenied(reason: string): Uint8Array {
  return frame(MESSAGE_AUTH, (encoder) => authProtocol.writePermissionDenied(encoder, reason));
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
