import { createHmac, randomBytes } from 'node:crypto';
import type { AuditEntry, AuditPersonal, SealedField } from '../../shared/domain/audit';
import { personalPointers } from '../../shared/domain/privacy';
import { freeTextPointers } from '../../shared/domain/privacyText';
import { canonical } from './canonicalJson';

export { personalPointers } from '../../shared/domain/privacy';

/**
 * Hash scheme 2 (decision 022): personal fields are committed separately so a person can be
 * erased without breaking the chain. The hash covers, for each personal field, an HMAC of
 * its value under a salt of its own instead of the value; the salt is stored beside the
 * entry (`personal`). Erasure replaces the value with a pseudonym and the salt with the
 * commitment it gave: the hash still checks, and the old value cannot be guessed back.
 */
export const SEALED_SCHEME = 2;

/** Each personal field's salt: 128 random bits. */
const SALT_BYTES = 16;

function parsePointer(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at `pointer`, or undefined when nothing is there. */
export function getAt(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const key of parsePointer(pointer)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Sets the value at an existing `pointer` in place; false when the pointer leads nowhere. */
export function setAt(root: unknown, pointer: string, value: unknown): boolean {
  const keys = parsePointer(pointer);
  const last = keys.pop();
  let node: unknown = root;
  for (const key of keys) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  if (last === undefined || node === null || typeof node !== 'object' || !Object.hasOwn(node, last))
    return false;
  (node as Record<string, unknown>)[last] = value;
  return true;
}

/** HMAC-SHA256 under the field's salt of its pointer, a newline and its canonical value. */
export function commitment(salt: string, pointer: string, value: unknown): string {
  return createHmac('sha256', Buffer.from(salt, 'hex'))
    .update(`${pointer}\n${canonical(value)}`, 'utf8')
    .digest('hex');
}

/**
 * A fresh `personal` member for an entry being appended: one random salt per field that
 * names someone, free text included (a title or a comment may hold a name: decision 028).
 */
export function sealPersonal(entry: object): AuditPersonal {
  const pointers = [...personalPointers(entry), ...freeTextPointers(entry)];
  // One draw for all the salts: each randomBytes call is a system call of its own.
  const salts = randomBytes(SALT_BYTES * pointers.length).toString('hex');
  const fields: Record<string, SealedField> = {};
  pointers.forEach((p, i) => {
    fields[p] = { salt: salts.slice(i * SALT_BYTES * 2, (i + 1) * SALT_BYTES * 2) };
  });
  return { scheme: SEALED_SCHEME, fields };
}

/**
 * What a scheme-2 hash covers: the entry without `hash`, each personal field replaced by
 * `hmac-sha256:<commitment>`. Undefined when a field's pointer leads nowhere (a value was
 * removed: the entry cannot be checked).
 */
export function sealedForm(entry: Omit<AuditEntry, 'hash'>): object | undefined {
  const { personal, ...rest } = entry;
  if (!personal) return rest;
  if (personal.scheme !== SEALED_SCHEME) return undefined;
  const copy = JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
  for (const [pointer, field] of Object.entries(personal.fields)) {
    const value = getAt(copy, pointer);
    if (value === undefined) return undefined;
    const c = 'commitment' in field ? field.commitment : commitment(field.salt, pointer, value);
    setAt(copy, pointer, `hmac-sha256:${c}`);
  }
  return { ...copy, scheme: personal.scheme };
}
