/**
 * A hospital's mailboxes in a dozen batches, and Get-MigrationUser exports of them at two
 * moments of the weekend. Deterministic (a seeded generator), so a second run re-imports the
 * same mailboxes instead of adding new ones.
 */

export const LAB_RESULTS_TAG = 'lab-results';
export const DOMAIN = 'northshore-hospital.example';

const FIRST =
  'anne mette lars soeren jens pia karen mads freja niels sanne pieter daan eva lotte bram femke joost marieke sven ingrid henrik birgitte kasper maarten anouk ruud ida rasmus emma'.split(
    ' ',
  );
const LAST =
  'jensen nielsen hansen pedersen andersen christensen larsen soerensen rasmussen devries jansen dejong bakker visser smit meijer vandijk mulder bos vos kristensen vandenberg madsen dekker'.split(
    ' ',
  );
/** Twelve batches, in the order they are migrated; the laboratory's is held for the freeze. */
export const BATCHES =
  'Wave01-Administration Wave02-Finance Wave03-HR Wave04-IT Wave05-Radiology Wave06-Cardiology Wave07-Surgery Wave08-Emergency Wave09-Paediatrics Wave10-Oncology Wave11-Pharmacy Wave12-Laboratory'.split(
    ' ',
  );

/** What Exchange says when a move fails; exactly these five fail by the second export. */
export const FAILURES = [
  'Error: MigrationPermanentException: The mailbox size 52.31 GB (56,168,034,304 bytes) exceeds the target quota 50 GB (53,687,091,200 bytes). --> Mailbox size exceeds the ProhibitSendReceiveQuota of the target mailbox.',
  'Error: TooManyBadItemsPermanentException: The job encountered too many bad items (1,204). It has failed.',
  "Error: MigrationPermanentException: You can't use the domain because it's not an accepted domain for your organization. --> The target mailbox doesn't have an SMTP proxy matching 'northshorehospital.mail.onmicrosoft.com'.",
  "Error: MigrationTransientException: The call to 'https://mail.northshore-hospital.example/EWS/mrsproxy.svc' failed. Error details: The HTTP request is unauthorized with client authentication scheme 'Negotiate'.",
  "Error: MigrationPermanentException: Couldn't find a mailbox for the user. The user has no Exchange Online license assigned. --> MapiExceptionNotFound: Unable to get mailbox information.",
] as const;

export interface Mailbox {
  address: string;
  batch: string;
  labResults: boolean;
  /** Which of FAILURES this one ends in, if any. */
  failure: number | undefined;
  items: number;
}

/** mulberry32: small, seeded, good enough to spread names and sizes. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` mailboxes spread over the twelve batches (at least 24, so every batch has two). */
export function generateMailboxes(count: number): Mailbox[] {
  const n = Math.max(24, Math.floor(count));
  const next = random(20261128);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const mailboxes: Mailbox[] = [];
  for (let i = 0; i < n; i++) {
    const batch = BATCHES[Math.floor((i * BATCHES.length) / n)] as string;
    const number = String(i + 1).padStart(4, '0');
    mailboxes.push({
      address: `${pick(FIRST)}.${pick(LAST)}.${number}@${DOMAIN}`,
      batch,
      labResults: false,
      failure: undefined,
      items: Math.floor(2_000 + next() * 90_000),
    });
  }
  // The lab-results mailboxes: the first few of the laboratory's batch (about 1 %).
  const lab = mailboxes.filter((m) => m.batch === BATCHES[11]);
  lab.slice(0, Math.max(3, Math.round(n / 100))).forEach((m) => (m.labResults = true));
  // Five failures in five batches that are moved this weekend, none of them held.
  [1, 3, 6, 8, 9].forEach((b, k) => {
    const m = mailboxes.find((x) => x.batch === BATCHES[b]);
    if (m) m.failure = k;
  });
  return mailboxes;
}

export type Wave = 1 | 2;

interface Row {
  status: string;
  synced: number;
  error: string;
  lastSync: Date | undefined;
}

/**
 * Where a mailbox stands in the first export (Saturday evening: five batches done, three
 * syncing, the rest queued, three failures) and in the second (Sunday: ten batches done,
 * the pharmacy syncing, the laboratory synced and held until its freeze ends, five failures).
 * The held lab-results mailboxes are `Synced` in both, so the freeze window is not broken.
 */
function rowOf(m: Mailbox, index: number, wave: Wave, now: Date): Row {
  const batch = BATCHES.indexOf(m.batch);
  const done = wave === 1 ? 5 : 10;
  const syncing = wave === 1 ? 8 : 11;
  const minutesAgo = (index % 50) + 5;
  const lastSync = new Date(now.getTime() - minutesAgo * 60_000);
  const failedNow = m.failure !== undefined && (wave === 2 || m.failure < 3);
  if (failedNow) {
    return {
      status: 'Failed',
      synced: Math.floor(m.items / 3),
      error: FAILURES[m.failure!] ?? '',
      lastSync,
    };
  }
  if (m.labResults || (wave === 2 && batch === 11)) {
    return { status: 'Synced', synced: m.items, error: '', lastSync };
  }
  if (batch < done) {
    const warnings = index % 97 === 0;
    return {
      status: warnings ? 'CompletedWithWarnings' : 'Completed',
      synced: m.items,
      error: '',
      lastSync,
    };
  }
  if (batch < syncing) {
    const share = 0.2 + (index % 7) / 10;
    return {
      status: index % 11 === 0 ? 'Synced' : 'Syncing',
      synced: Math.floor(m.items * share),
      error: '',
      lastSync,
    };
  }
  return { status: 'Queued', synced: 0, error: '', lastSync: undefined };
}

/** `11/28/2026 21:05:00`: how Export-Csv writes a DateTime (en-US, UTC here). */
function usDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${d.getUTCHours()}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** One field of `Export-Csv`: always quoted, inner quotes doubled. */
export const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;

/** The first two lines `Get-MigrationUser | Export-Csv` writes: `#TYPE` and the quoted header. */
export const MIGRATION_USER_PREAMBLE = [
  '#TYPE Deserialized.Microsoft.Exchange.Data.Storage.Management.MigrationUser',
  [
    'Identity',
    'MailboxEmailAddress',
    'BatchId',
    'RecipientType',
    'Status',
    'StatusSummary',
    'State',
    'SyncedItemCount',
    'SkippedItemCount',
    'LastSuccessfulSyncTime',
    'ErrorSummary',
  ]
    .map(quote)
    .join(','),
] as const;

/** `Get-MigrationUser | Get-MigrationUserStatistics | Export-Csv` as a script would post it. */
export function migrationUsersCsv(mailboxes: readonly Mailbox[], wave: Wave, now: Date): string {
  const lines: string[] = [...MIGRATION_USER_PREAMBLE];
  mailboxes.forEach((m, i) => {
    const row = rowOf(m, i, wave, now);
    const state =
      row.status === 'Failed' ? 'Failed' : row.status === 'Queued' ? 'Waiting' : 'Active';
    lines.push(
      [
        m.address,
        m.address,
        m.batch,
        'UserMailbox',
        row.status,
        row.status,
        state,
        String(row.synced),
        row.status === 'CompletedWithWarnings' ? '3' : '0',
        row.lastSync ? usDate(row.lastSync) : '',
        row.error,
      ]
        .map(quote)
        .join(','),
    );
  });
  return `${lines.join('\r\n')}\r\n`;
}
