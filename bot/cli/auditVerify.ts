import { existsSync } from 'node:fs';
import { parseStoreConfig } from '../config';
import { BREAK_REASON_TEXT, verifyStoredChain, type ChainReport } from '../services/auditChain';
import { isPostgres, openStorage, sqliteFile, type StorageLocation } from '../storage/open';
import type { Storage } from '../storage/types';
import type { WarRoom } from '../../shared/domain/warRoom';

/**
 * `npm run audit:verify [-- <war room id>…]`: recomputes the audit chain of every war room
 * (or of the ones named) in the store the server is configured with, one line per war
 * room. Exit 0 when every chain verifies, 1 when any is broken, 2 on a usage or store error.
 */

const USAGE = `Usage: npm run audit:verify [-- <war room id>…]

Recomputes the hash chain of every war room's audit log (or only of the war rooms named)
in the store the server uses: PostgreSQL when DATABASE_URL is set, otherwise the SQLite
file in WARROOM_DATA_DIR (default ./data). Prints one tab-separated line per war room:
id, title, entries, seq range, OK or the first broken entry and why.
Exit status: 0 all verified, 1 a chain is broken, 2 usage or store error.
`;

const EXIT = { verified: 0, broken: 1, error: 2 } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Control characters (C0, DEL, C1) and bidirectional overrides. */
const unsafe = (code: number) =>
  code < 0x20 ||
  (code >= 0x7f && code <= 0x9f) ||
  code === 0x200e ||
  code === 0x200f ||
  (code >= 0x202a && code <= 0x202e) ||
  (code >= 0x2066 && code <= 0x2069);

/** What people typed must not move the operator's cursor or reorder their terminal. */
const printable = (text: string) =>
  Array.from(text, (c) => (unsafe(c.codePointAt(0) ?? 0) ? ' ' : c)).join('');

/** One line: id, title, entries, seq range, verdict. */
export function reportLine(warRoom: Pick<WarRoom, 'id' | 'title'>, r: ChainReport): string {
  const range = r.firstSeq === null ? 'seq none' : `seq ${r.firstSeq}-${r.lastSeq}`;
  const verdict = r.brokenAt
    ? `BROKEN at seq ${r.brokenAt.seq}: ${BREAK_REASON_TEXT[r.brokenAt.reason]}`
    : r.erasedLegacy
      ? `OK (${r.erasedLegacy} erased first-scheme entries checked by place only)`
      : 'OK';
  return [
    warRoom.id,
    printable(warRoom.title),
    `${r.entries} ${r.entries === 1 ? 'entry' : 'entries'}`,
    range,
    verdict,
  ].join('\t');
}

async function open(location: StorageLocation): Promise<Storage> {
  // Opening a missing SQLite file would create an empty store and report nothing to verify.
  if (!isPostgres(location) && !existsSync(sqliteFile(location.dataDir))) {
    throw new Error(
      `no SQLite database at ${sqliteFile(location.dataDir)} (set WARROOM_DATA_DIR, or DATABASE_URL for PostgreSQL)`,
    );
  }
  return openStorage(location);
}

async function verifyAll(storage: Storage, ids: string[], out: NodeJS.WritableStream) {
  const all = await storage.transaction((tx) => tx.warRooms.listAcrossTenants());
  const unknown = ids.filter((id) => !all.some((w) => w.id === id));
  if (unknown.length) throw new Error(`no war room with id ${unknown.join(', ')}`);
  const chosen = ids.length ? all.filter((w) => ids.includes(w.id)) : all;
  let broken = 0;
  for (const warRoom of chosen) {
    const report = await verifyStoredChain(storage, warRoom.tenantId, warRoom.id);
    if (!report.verified) broken += 1;
    out.write(`${reportLine(warRoom, report)}\n`);
  }
  const count = `${chosen.length} war room${chosen.length === 1 ? '' : 's'}`;
  out.write(`${count}: ${chosen.length - broken} verified, ${broken} broken\n`);
  return broken ? EXIT.broken : EXIT.verified;
}

/** Runs the command; resolves to the exit status. */
export async function auditVerify(
  argv: string[],
  env: Record<string, string | undefined>,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out.write(USAGE);
    return EXIT.verified;
  }
  const bad = argv.filter((a) => !UUID.test(a));
  if (bad.length) {
    err.write(`audit:verify: not a war room id: ${bad.join(' ')}\n\n${USAGE}`);
    return EXIT.error;
  }
  let storage: Storage | undefined;
  try {
    storage = await open(parseStoreConfig(env));
    return await verifyAll(storage, argv, out);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    err.write(`audit:verify: ${message}\n`);
    return EXIT.error;
  } finally {
    // The verdict is already printed; a failing close only deserves a word.
    await storage
      ?.close()
      .catch((e: unknown) => err.write(`audit:verify: closing: ${String(e)}\n`));
  }
}

if (require.main === module) {
  auditVerify(process.argv.slice(2), process.env, process.stdout, process.stderr).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`audit:verify: ${String(e)}\n`);
      process.exitCode = EXIT.error;
    },
  );
}
