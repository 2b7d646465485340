// `npm run audit:verify`: checks every group's audit chain in the configured database and names the
// first broken row. Exit code 0 when every chain is intact, 1 otherwise.
//   npm run audit:verify -- --expect rmsg=42:3f5a…   also checks that the rmsg chain still reaches
//   the length and head recorded earlier (audit page, a previous run, an exported report): deleting the
//   latest rows leaves a chain that links, and only a record kept outside the table shows it.
// Stop the server first when using the embedded database (one process per data directory).
import { loadEnv } from "../app/env.server";
import { openDatabase } from "../app/db.server";
import { applyMigrations } from "../app/migrate.server";
import { verifyGroupChain } from "../app/modules/audit/audit.server";
import { parseCheckpoint, type ChainCheckpoint } from "../app/modules/audit/chain";

const expected = new Map<string, ChainCheckpoint>();
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 1) {
  const value =
    args[i] === "--expect"
      ? args[++i]
      : args[i].startsWith("--expect=")
        ? args[i].slice("--expect=".length)
        : null;
  const [slug, recorded] = (value ?? "").split("=");
  const checkpoint = recorded ? parseCheckpoint(recorded) : null;
  if (!slug || !checkpoint) {
    console.log(
      `usage: audit:verify [--expect <group slug>=<event count>:<head hash>]...  (could not read ${JSON.stringify(args[i])})`,
    );
    process.exit(2);
  }
  expected.set(slug, checkpoint);
}

const env = loadEnv();
const database = await openDatabase(env);
let broken = 0;
try {
  await applyMigrations(database.raw);
  const groups = await database.prisma.group.findMany({
    select: { id: true, slug: true },
    orderBy: { slug: "asc" },
  });
  for (const slug of expected.keys()) {
    if (!groups.some((g) => g.slug === slug)) {
      broken += 1;
      console.log(`${slug}: BROKEN: a chain was recorded for this group, and the group is gone`);
    }
  }
  for (const group of groups) {
    const check = await verifyGroupChain(group.id, database.prisma, expected.get(group.slug));
    if (!check.ok) {
      broken += 1;
      const row = check.brokenAt;
      console.log(
        `${group.slug}: BROKEN at event #${row.seq} (id ${row.id}, ${row.type}, ${row.createdAt.toISOString()}): ${check.reason}`,
      );
    } else if (check.checkpoint && !check.checkpoint.ok) {
      broken += 1;
      console.log(`${group.slug}: BROKEN at event #${check.checkpoint.seq}: ${check.checkpoint.reason}`);
    } else {
      console.log(
        `${group.slug}: intact, ${check.count} events, head ${check.head}${check.checkpoint ? " (reaches the recorded head)" : ""}`,
      );
    }
  }
} finally {
  await database.close();
}
process.exit(broken === 0 ? 0 : 1);
