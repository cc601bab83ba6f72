import fs from 'node:fs';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';

/**
 * The one pinned manifest schema version. 1.24 is the first with 12 commands per bot command
 * list; later versions add only Copilot/agent features this app does not use.
 */
export const MANIFEST_VERSION = '1.24';
const SCHEMA_BASE = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}`;
export const MANIFEST_SCHEMA_URL = `${SCHEMA_BASE}/MicrosoftTeams.schema.json`;
export const LOCALIZATION_SCHEMA_URL = `${SCHEMA_BASE}/MicrosoftTeams.Localization.schema.json`;

type SchemaKind = 'manifest' | 'localization';
type Schema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;
type Document = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];

const FILES: Record<SchemaKind, string> = {
  manifest: 'MicrosoftTeams.schema.json',
  localization: 'MicrosoftTeams.Localization.schema.json',
};

const cache = new Map<SchemaKind, Schema>();

/** Escapes each `]` that closes no character class: harmless without the `u` flag, fatal with it. */
function escapeLoneBrackets(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      out += ch + (pattern[++i] ?? '');
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']' && inClass) inClass = false;
    else if (ch === ']') {
      out += '\\]';
      continue;
    }
    out += ch;
  }
  return out;
}

const compiles = (pattern: string) => {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false; // the SyntaxError is the answer
  }
};

/**
 * ajv compiles patterns with the `u` flag, which the published localization schemas
 * (every version up to 1.30) fail: `...\\b]\\.description$` lacks a backslash
 * (MicrosoftDocs/msteams-docs#8858). Repairs such patterns, keys of patternProperties included.
 */
function repairPatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(repairPatterns);
  if (node === null || typeof node !== 'object') return node;
  const fix = (p: string) => (compiles(p) ? p : escapeLoneBrackets(p));
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === 'pattern' && typeof value === 'string') return [key, fix(value)];
      if (key === 'patternProperties' && value !== null && typeof value === 'object') {
        return [
          key,
          Object.fromEntries(Object.entries(value).map(([p, v]) => [fix(p), repairPatterns(v)])),
        ];
      }
      return [key, repairPatterns(value)];
    }),
  );
}

/**
 * The schema bundled in @microsoft/app-manifest for the pinned version, read from disk.
 * Passing it to validateAgainstSchema explicitly is what keeps validation offline: without
 * it the library fetches any `$schema` URL it does not recognise.
 */
export function bundledSchema(kind: SchemaKind): Schema {
  const hit = cache.get(kind);
  if (hit) return hit;
  const pkgDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(
    pkgDir,
    'build',
    'json-schemas',
    'teams',
    `v${MANIFEST_VERSION}`,
    FILES[kind],
  );
  // The library does the same clean-up: some schemas carry \a and \v escapes JSON lacks.
  const text = fs.readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const schema = repairPatterns(JSON.parse(text)) as Schema;
  cache.set(kind, schema);
  return schema;
}

/** Schema errors for `doc`, each prefixed with `label`; also insists on the pinned `$schema`. */
async function validate(doc: object, kind: SchemaKind, expectedUrl: string, label: string) {
  const errors: string[] = [];
  const declared = (doc as { $schema?: unknown }).$schema;
  if (declared !== expectedUrl) {
    errors.push(`${label}: $schema must be ${expectedUrl}, found ${JSON.stringify(declared)}`);
  }
  let schemaErrors: string[];
  try {
    schemaErrors = await AppManifestUtils.validateAgainstSchema(
      doc as Document,
      bundledSchema(kind),
    );
  } catch (err) {
    return [...errors, `${label}: the ${kind} schema could not be used: ${(err as Error).message}`];
  }
  // Errors at the document root come with an empty instance path: show it as `/`.
  return [
    ...errors,
    ...schemaErrors.map((e) => `${label}: schema: ${e.startsWith(' ') ? '/' : ''}${e}`),
  ];
}

/** Validates a filled manifest against the bundled v1.24 schema, offline. Empty = valid. */
export async function validateManifestSchema(
  manifest: object,
  label = 'manifest.json',
): Promise<string[]> {
  const errors = await validate(manifest, 'manifest', MANIFEST_SCHEMA_URL, label);
  const version = (manifest as { manifestVersion?: unknown }).manifestVersion;
  if (version !== MANIFEST_VERSION) {
    errors.unshift(
      `${label}: manifestVersion must be ${MANIFEST_VERSION}, found ${JSON.stringify(version)}`,
    );
  }
  return errors;
}

/** Validates a filled localization file against the bundled v1.24 schema, offline. */
export function validateLocalizationSchema(localization: object, label: string): Promise<string[]> {
  return validate(localization, 'localization', LOCALIZATION_SCHEMA_URL, label);
}
