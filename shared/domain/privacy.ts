/**
 * Finding one person in stored JSON and putting a pseudonym in their place (decision 022).
 * A person is recognised by an identifier (Entra object id or Teams user id), never by a
 * name: an object holding one of their identifiers under an identity key is theirs, and so
 * are its name fields; a pair `xId`/`xName` (reporterId, reporterName) is theirs when `xId`
 * holds one of their identifiers.
 */
export interface Pseudonym {
  /** Stands in for every identifier. */
  id: string;
  /** Stands in for every name, user principal name and e-mail address. */
  name: string;
}

/** Where someone else's identifier or name was, in a person's export. */
export const REDACTED = '[someone else]';

/** A copy of `value` with every person's fields but the given person's redacted. */
export function redactOthers<T>(value: T, ids: ReadonlySet<string>): T {
  const theirs = new Set(personPointers(value, ids));
  const copy = JSON.parse(JSON.stringify(value ?? null)) as T;
  for (const ptr of personalPointers(copy)) {
    if (!theirs.has(ptr)) setPointer(copy, ptr, REDACTED);
  }
  return copy;
}

const IDENTITY_KEYS = ['id', 'aadObjectId', 'userId', 'teamsUserId'] as const;
const NAME_KEYS = ['name', 'userPrincipalName', 'upn', 'email'] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const step = (key: string | number) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** True when `value` holds one of the identifiers anywhere, as a person's identity. */
export function mentions(value: unknown, ids: ReadonlySet<string>): boolean {
  return personPointers(value, ids).length > 0;
}

/** Pointers (RFC 6901) of every field of `value` that identifies or names the person. */
export function personPointers(value: unknown, ids: ReadonlySet<string>, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => personPointers(v, ids, at + step(i)));
  if (!isObject(value)) return [];
  const found: string[] = [];
  const theirs = IDENTITY_KEYS.some((k) => typeof value[k] === 'string' && ids.has(value[k]));
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      found.push(...personPointers(v, ids, at + step(key)));
      continue;
    }
    const identity = (IDENTITY_KEYS as readonly string[]).includes(key);
    const name = (NAME_KEYS as readonly string[]).includes(key);
    if (theirs && ((identity && ids.has(v)) || name)) found.push(at + step(key));
    else if (key.endsWith('Id') && !identity && ids.has(v)) {
      found.push(at + step(key));
      const nameKey = `${key.slice(0, -2)}Name`;
      if (typeof value[nameKey] === 'string') found.push(at + step(nameKey));
    }
  }
  return found;
}

/** What goes where a person's field was: the pseudonym's id for identifiers, else its name. */
export function replacementFor(pointer: string, p: Pseudonym): string {
  const key = pointer.slice(pointer.lastIndexOf('/') + 1);
  return key === 'id' || key.endsWith('Id') ? p.id : p.name;
}

/** A copy of `value` with the person's fields replaced, and the pointers that changed. */
export function pseudonymise<T>(
  value: T,
  ids: ReadonlySet<string>,
  p: Pseudonym,
  only?: (pointer: string) => boolean,
): { value: T; changed: string[] } {
  const copy = JSON.parse(JSON.stringify(value ?? null)) as T;
  const changed = personPointers(copy, ids).filter((ptr) => !only || only(ptr));
  for (const pointer of changed) setPointer(copy, pointer, replacementFor(pointer, p));
  return { value: copy, changed };
}

function setPointer(root: unknown, pointer: string, value: string): void {
  const keys = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = keys.pop() as string;
  let node = root as Record<string, unknown>;
  for (const key of keys) node = node[key] as Record<string, unknown>;
  node[last] = value;
}

/** Keys that name or identify a person wherever they appear in an entry. */
const PERSON_KEYS = new Set([
  'actorId',
  'actorName',
  'reporterId',
  'reporterName',
  'requesterId',
  'requesterName',
  'createdById',
  'createdByName',
  'authorId',
  'authorName',
  'updatedById',
  'updatedByName',
  'assignedById',
  'userId',
  'teamsUserId',
  'aadObjectId',
  'userPrincipalName',
  'upn',
  'email',
]);

/** In an object that has a `name` beside an identity (a Person, recordedBy), these too. */
const PERSON_OBJECT_KEYS = new Set(['id', 'name']);

/**
 * Pointers (RFC 6901) of every string value in `value` that names or identifies anyone:
 * what an audit entry commits separately (decision 022) and what an export redacts.
 */
export function personalPointers(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => personalPointers(v, at + step(i)));
  if (!isObject(value)) return [];
  const personLike =
    typeof value.name === 'string' &&
    ['id', 'aadObjectId', 'userId', 'teamsUserId'].some((k) => typeof value[k] === 'string');
  return Object.keys(value).flatMap((key) => {
    const v = value[key];
    const here = at + step(key);
    if (
      typeof v === 'string' &&
      (PERSON_KEYS.has(key) || (personLike && PERSON_OBJECT_KEYS.has(key)))
    )
      return [here];
    return personalPointers(v, here);
  });
}
