import * as Y from "yjs";

/**
 * A Y.Doc that takes a client's update whole or not at all.
 *
 * Yjs decodes an update and then integrates it struct by struct; a crafted update that decodes can
 * still throw halfway through integration, after some of it was applied and emitted. So every client
 * update is first applied to a shadow copy of the document: only if that succeeds is it applied to the
 * real one. A failure leaves the real document untouched; the shadow is rebuilt from it (only attacks
 * pay that price). The shadow follows every change of the document through its update event.
 */
export class GuardedDoc {
  readonly doc = new Y.Doc();
  private shadow = new Y.Doc();

  constructor() {
    this.doc.on("update", (update: Uint8Array) => Y.applyUpdate(this.shadow, update));
  }

  /** Applies an update sent by a client, or throws and changes nothing. */
  applyClientUpdate(update: Uint8Array, origin: unknown): void {
    // Read it through once without integrating: Yjs's integration preallocates an array as long as the
    // struct count an update claims (10 bytes could ask for 200 MB); reading fails at the end of the
    // data instead, in time proportional to its length.
    Y.decodeUpdate(update);
    try {
      Y.applyUpdate(this.shadow, update);
    } catch (error) {
      this.rebuildShadow();
      throw error;
    }
    Y.applyUpdate(this.doc, update, origin);
  }

  private rebuildShadow(): void {
    this.shadow.destroy();
    this.shadow = new Y.Doc();
    // The encoded state includes structs and deletions still waiting for what they depend on.
    Y.applyUpdate(this.shadow, Y.encodeStateAsUpdate(this.doc));
  }

  destroy(): void {
    this.shadow.destroy();
    this.doc.destroy();
  }
}
