import * as Y from "yjs";
import { checkTransaction, isCheckedEdit } from "../../app/modules/documents/document-schema";
import {
  changedFragments,
  checkSuggestionOnly,
  snapshotFragment,
  type SuggestionAuthor,
} from "../../app/modules/suggestions/suggestion-check";

/** Document updates a shadow may fall behind by before it is dropped instead (rebuilt when needed). */
const MAX_SHADOW_LAG = 500;

/**
 * A Y.Doc that takes a client's update whole or not at all.
 *
 * Yjs decodes an update and then integrates it struct by struct; a crafted update that decodes can
 * still throw halfway through integration, after some of it was applied and emitted. So a client
 * update is first applied to a shadow copy of the document, and what it added there is checked against
 * the document schema (app/modules/documents/document-schema.ts): only if both succeed is it applied to the
 * real one. A failure leaves the real document untouched; the shadow is rebuilt from it (only attacks
 * pay that price).
 *
 * Ordinary edits skip the copy. An update that `isCheckedEdit` vouches for (characters, marks and
 * attributes, and new elements built in one go, in this paper's sections, every id it names held,
 * everything valid where it goes) cannot throw in integration and passes the check, so it goes straight
 * to the document. That check only ever says "yes" or "don't know": every update it does not vouch for,
 * and every update of someone who may only suggest, takes the copy, which alone refuses. The README's
 * "Ordinary edits skip the copy" gives the argument.
 *
 * The shadow exists only while clients send what that check does not vouch for: it is built from the
 * document at the first such update (a copy of its encoded state) and dropped once none has come for a
 * while (`relax`). It follows the document lazily: the document's updates are queued and applied when
 * the shadow is next needed, so ordinary edits do not pay for it; past MAX_SHADOW_LAG queued updates it
 * is dropped instead.
 */
export class GuardedDoc {
  readonly doc = new Y.Doc();
  private shadow: Y.Doc | null = null;
  /** The document's updates the shadow has not taken yet, oldest first. */
  private lag: Uint8Array[] = [];
  /** When the shadow was last used for a client update (performance.now()). */
  private lastClientUpdate = 0;
  /**
   * Set while a client's update, already applied to the shadow and checked there, is applied to the
   * document: the document's first update event is that update, which the shadow holds already. (Both
   * held the same state before it, and the same update on the same state gives the same state, so
   * following it would only repeat the work.) Only the first: a change something might make in answer,
   * inside the same call, is followed as usual.
   */
  private skipFollow = false;
  private readonly follow = (update: Uint8Array) => {
    if (this.skipFollow) {
      this.skipFollow = false;
      return;
    }
    if (!this.shadow) return;
    if (this.lag.length >= MAX_SHADOW_LAG) this.dropShadow();
    else this.lag.push(update);
  };
  /** Set while a client's update is applied to the shadow: the fragments its paper may hold. */
  private checking: ReadonlySet<string> | null = null;
  /** Set while the update of someone who may only suggest is applied to the shadow: who they are. */
  private suggesting: SuggestionAuthor | null = null;
  private violation: Error | null = null;
  /** Time spent in the schema check, for the benchmark (milliseconds, one entry per checked update). */
  readonly checkTimes: number[] | null;
  /** The time `isCheckedEdit` took on the update being taken, when measuring. */
  private directCheckMs = 0;
  /** Every update takes the copy (for tests and the benchmark to compare). */
  private readonly alwaysCopy: boolean;
  /** Client updates taken without the copy, and with it (for tests and the benchmark). */
  readonly taken = { direct: 0, copied: 0 };

  constructor(options: { measure?: boolean; alwaysCopy?: boolean } = {}) {
    this.checkTimes = options.measure ? [] : null;
    this.alwaysCopy = options.alwaysCopy ?? false;
  }

  /** The shadow, up to date with the document; built from it if there is none. */
  private ensureShadow(): Y.Doc {
    const current = this.shadow;
    if (current) {
      if (this.lag.length) {
        const lag = this.lag;
        this.lag = [];
        current.transact(() => {
          for (const update of lag) Y.applyUpdate(current, update);
        });
      }
      return current;
    }
    const shadow = new Y.Doc();
    this.watch(shadow);
    // The encoded state includes structs and deletions still waiting for what they depend on.
    Y.applyUpdate(shadow, Y.encodeStateAsUpdate(this.doc));
    this.shadow = shadow;
    this.doc.on("update", this.follow);
    return shadow;
  }

  private dropShadow(): void {
    if (!this.shadow) return;
    this.doc.off("update", this.follow);
    this.shadow.destroy();
    this.shadow = null;
    this.lag = [];
  }

  /** Whether a shadow copy is held now (for tests and the benchmark). */
  get hasShadow(): boolean {
    return this.shadow !== null;
  }

  /** Drops the shadow if no client update came in the last `idleMs`; the next one rebuilds it. */
  relax(now: number, idleMs: number): void {
    if (this.shadow && now - this.lastClientUpdate >= idleMs) this.dropShadow();
  }

  private watch(shadow: Y.Doc): void {
    // Runs inside the transaction's cleanup, before Yjs merges or collects what it added.
    shadow.on("afterTransaction", (transaction: Y.Transaction) => {
      if (this.checking === null || this.violation !== null) return;
      const start = this.checkTimes ? performance.now() : 0;
      try {
        checkTransaction(transaction, this.checking);
        // The real document still holds the state before the update: compare each changed section.
        if (this.suggesting)
          for (const name of changedFragments(transaction))
            checkSuggestionOnly(
              snapshotFragment(this.doc.getXmlFragment(name)),
              snapshotFragment(shadow.getXmlFragment(name)),
              this.suggesting,
            );
      } catch (error) {
        this.violation = error instanceof Error ? error : new Error(String(error));
      }
      if (this.checkTimes) this.checkTimes.push(performance.now() - start + this.directCheckMs);
    });
  }

  /**
   * Applies an update sent by a client, or throws and changes nothing. With `fragments`, the update is
   * also refused (a SchemaViolation) when what it adds does not fit the document schema; with
   * `suggestOnly`, also when it changes anything that is not a suggestion of that person.
   */
  applyClientUpdate(
    update: Uint8Array,
    origin: unknown,
    fragments?: ReadonlySet<string>,
    suggestOnly?: SuggestionAuthor | null,
  ): void {
    // Read it through once without integrating: Yjs's integration preallocates an array as long as the
    // struct count an update claims (10 bytes could ask for 200 MB); reading fails at the end of the
    // data instead, in time proportional to its length.
    const { structs, ds } = Y.decodeUpdate(update);
    // Nothing to add (every client's answer to the sync step 1 of a paper it is new to): nothing to check.
    if (structs.length === 0 && ds.clients.size === 0) return;
    this.directCheckMs = 0;
    if (fragments && !suggestOnly && !this.alwaysCopy) {
      const start = this.checkTimes ? performance.now() : 0;
      const vouched = isCheckedEdit(this.doc, { structs, ds }, fragments);
      // Counted in with the copy's check when that follows.
      this.directCheckMs = this.checkTimes ? performance.now() - start : 0;
      if (vouched) {
        this.checkTimes?.push(this.directCheckMs);
        this.taken.direct += 1;
        Y.applyUpdate(this.doc, update, origin);
        return;
      }
    }
    this.taken.copied += 1;
    this.lastClientUpdate = performance.now();
    const shadow = this.ensureShadow();
    this.checking = fragments ?? null;
    this.suggesting = fragments ? (suggestOnly ?? null) : null;
    this.violation = null;
    try {
      Y.applyUpdate(shadow, update);
    } catch (error) {
      this.checking = null;
      this.rebuildShadow();
      throw error;
    } finally {
      this.checking = null;
      this.suggesting = null;
    }
    // Set by the afterTransaction handler above, which the type checker cannot see: read it as such.
    const violation = this.violation as Error | null;
    if (violation !== null) {
      this.violation = null;
      this.rebuildShadow();
      throw violation;
    }
    this.skipFollow = true;
    try {
      Y.applyUpdate(this.doc, update, origin);
    } finally {
      this.skipFollow = false;
    }
  }

  private rebuildShadow(): void {
    this.dropShadow();
    this.ensureShadow();
  }

  destroy(): void {
    this.dropShadow();
    this.doc.destroy();
  }
}
