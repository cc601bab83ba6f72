#!/usr/bin/env node
// Verifies a War Room audit export (JSON Lines) without the app: plain Node 20+, no packages.
//   node verify-audit-export.mjs war-room-<id>-audit.jsonl
// Exit status: 0 the chain verifies, 1 it does not, 2 usage or unreadable file.
// The recipe it implements is docs/audit-verification.md.
import { createHash, createHmac } from 'node:crypto';
import { Buffer } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const GENESIS = '0'.repeat(64);
const HEX64 = /^[0-9a-f]{64}$/;
const SALT = /^[0-9a-f]{32,}$/;
const TEXT_FIELDS = ['tenantId', 'warRoomId', 'at', 'actorId', 'actorName', 'action', 'subject'];

/** JSON with object keys sorted (UTF-16 code units) at every depth and no whitespace. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Why this line's entry cannot be checked at all, or undefined when its shape is right. */
function shapeProblem(entry) {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return 'not an object';
  for (const f of TEXT_FIELDS) if (typeof entry[f] !== 'string') return `no text field "${f}"`;
  if (!Number.isSafeInteger(entry.seq) || entry.seq < 1) return 'no positive integer "seq"';
  for (const f of ['prevHash', 'hash']) {
    if (typeof entry[f] !== 'string' || !HEX64.test(entry[f])) return `no SHA-256 hex "${f}"`;
  }
  if (!('before' in entry) || !('after' in entry)) return 'no "before" or "after"';
  if ('personal' in entry) return personalProblem(entry.personal);
  return undefined;
}

/** Why the `personal` member (hash scheme 2, or an erased scheme-1 entry) is malformed. */
function personalProblem(p) {
  if (p === null || typeof p !== 'object') return 'malformed "personal"';
  if (p.scheme === 1 && typeof p.erasedAt === 'string') return undefined;
  if (p.scheme !== 2 || p.fields === null || typeof p.fields !== 'object')
    return 'malformed "personal"';
  for (const field of Object.values(p.fields)) {
    const ok =
      field !== null &&
      typeof field === 'object' &&
      (typeof field.salt === 'string' ? SALT.test(field.salt) : HEX64.test(field.commitment ?? ''));
    if (!ok) return 'malformed "personal"';
  }
  return undefined;
}

/** The value at an RFC 6901 pointer: [parent, key], or undefined when nothing is there. */
function locate(root, pointer) {
  const keys = pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = keys.pop();
  let node = root;
  for (const key of keys) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  if (node === null || typeof node !== 'object' || !Object.hasOwn(node, last)) return undefined;
  return [node, last];
}

/**
 * What the hash covers (docs/audit-verification.md, section 2): the line without `hash`;
 * under scheme 2 without `personal`, each personal field replaced by
 * `hmac-sha256:<HMAC-SHA256(salt, pointer + "\n" + canonical value)>` (or by its stored
 * commitment once erased), and `"scheme": 2` added. Undefined when a field is missing.
 */
function covered(entry) {
  const { hash: _hash, personal, ...rest } = entry;
  if (!personal) return rest;
  const copy = JSON.parse(JSON.stringify(rest));
  for (const [pointer, field] of Object.entries(personal.fields)) {
    const at = locate(copy, pointer);
    if (!at) return undefined;
    const [parent, key] = at;
    const c =
      typeof field.salt === 'string'
        ? createHmac('sha256', Buffer.from(field.salt, 'hex'))
            .update(`${pointer}\n${canonical(parent[key])}`, 'utf8')
            .digest('hex')
        : field.commitment;
    parent[key] = `hmac-sha256:${c}`;
  }
  return { ...copy, scheme: personal.scheme };
}

async function verify(file) {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let lineNo = 0;
  let first;
  let prev;
  let erasedLegacy = 0;
  for await (const text of lines) {
    lineNo += 1;
    const where = (e) =>
      `line ${lineNo}${e && Number.isSafeInteger(e.seq) ? ` (seq ${e.seq})` : ''}`;
    let entry;
    try {
      entry = JSON.parse(text);
    } catch {
      return { ok: false, message: `line ${lineNo}: not valid JSON` };
    }
    const problem = shapeProblem(entry);
    if (problem) return { ok: false, message: `${where(entry)}: ${problem}` };
    first ??= entry;
    if (entry.tenantId !== first.tenantId || entry.warRoomId !== first.warRoomId) {
      return { ok: false, message: `${where(entry)}: belongs to another war room` };
    }
    const expectedSeq = (prev?.seq ?? 0) + 1;
    if (entry.seq !== expectedSeq) {
      return { ok: false, message: `${where(entry)}: gap in seq (expected ${expectedSeq})` };
    }
    if (entry.prevHash !== (prev?.hash ?? GENESIS)) {
      return { ok: false, message: `${where(entry)}: prev-hash mismatch` };
    }
    if (entry.personal?.scheme === 1) {
      // Erased under the first scheme: its place in the chain is all that can be checked.
      erasedLegacy += 1;
    } else {
      const form = covered(entry);
      const computed = form && createHash('sha256').update(canonical(form), 'utf8').digest('hex');
      if (computed !== entry.hash) return { ok: false, message: `${where(entry)}: hash mismatch` };
    }
    prev = entry;
  }
  if (!prev) return { ok: false, message: 'no entries' };
  return {
    ok: true,
    message:
      `${prev.seq} entries, seq 1-${prev.seq}, war room ${first.warRoomId}, last hash ${prev.hash}` +
      (erasedLegacy > 0
        ? `, ${erasedLegacy} erased first-scheme entries checked by place only`
        : ''),
  };
}

const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length > 0 || file.startsWith('-')) {
  console.error('Usage: node verify-audit-export.mjs <export.jsonl>');
  process.exitCode = 2;
} else {
  try {
    const result = await verify(file);
    if (result.ok) console.log(`OK: ${result.message}`);
    else console.log(`BROKEN: ${result.message}`);
    process.exitCode = result.ok ? 0 : 1;
  } catch (e) {
    console.error(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  }
}
