import type { Read } from "./sql-combine";

/**
 * Runs several reads at once, each answer settling on its own (a failed read fails only its caller).
 * RawDatabase.queryPreparedMany is one: on PostgreSQL as one combined statement, on the embedded
 * database as one exchange with its worker.
 */
export type RunReads = (reads: Read[]) => Promise<unknown[]>[];

/**
 * The reads one request asks in one turn of the event loop, sent together (issue 19). A page's loaders
 * start their reads side by side (`Promise.all`); each read waits here until the turn ends
 * (`schedule`, setImmediate in the server), and then all the reads asked meanwhile go to the database
 * at once. One batcher serves one request: reads of different requests are never combined, so the
 * combined statements are as few as the pages' shapes (each is prepared once per connection).
 */
export class ReadBatcher {
  private waiting: { read: Read; resolve: (rows: unknown[]) => void; reject: (error: unknown) => void }[] =
    [];

  constructor(
    private readonly run: RunReads,
    private readonly schedule: (flush: () => void) => void,
  ) {}

  read<T>(sql: string, params: unknown[]): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => {
      if (this.waiting.length === 0) this.schedule(() => this.flush());
      this.waiting.push({ read: { sql, params }, resolve: resolve as (rows: unknown[]) => void, reject });
    });
  }

  private flush(): void {
    const batch = this.waiting;
    this.waiting = [];
    let answers: Promise<unknown[]>[];
    try {
      answers = this.run(batch.map((entry) => entry.read));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
      return;
    }
    batch.forEach((entry, index) => {
      const answer = answers[index] as Promise<unknown[]> | undefined;
      if (answer !== undefined) answer.then(entry.resolve, entry.reject);
      else entry.reject(new Error("the database answered fewer reads than it was asked"));
    });
  }
}
