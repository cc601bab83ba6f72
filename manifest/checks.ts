import { decodePng, readPngHeader } from './png';
import { isJsonObject, type JsonObject, type JsonValue } from './json';

/**
 * Checks the schema cannot express, or expresses with unreadable messages: Teams' length
 * limits, icon sizes and colours, tab URL domains, and localization keys that must point at
 * real manifest strings.
 */

export const LIMITS = { nameShort: 30, descriptionShort: 80, commandsPerList: 12 } as const;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function at(value: JsonValue | undefined, ...keys: (string | number)[]): JsonValue | undefined {
  let v = value;
  for (const k of keys) {
    if (typeof k === 'number') v = Array.isArray(v) ? v[k] : undefined;
    else v = isJsonObject(v) ? v[k] : undefined;
  }
  return v;
}

const list = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : []);

function tooLong(label: string, field: string, value: JsonValue | undefined, max: number) {
  return typeof value === 'string' && [...value].length > max
    ? [`${label}: ${field} is ${[...value].length} characters, the limit is ${max}: "${value}"`]
    : [];
}

/** name.short ≤ 30, description.short ≤ 80, ≤ 12 commands in every bot command list. */
export function checkLimits(manifest: JsonObject, label = 'manifest.json'): string[] {
  const errors = [
    ...tooLong(label, 'name.short', at(manifest, 'name', 'short'), LIMITS.nameShort),
    ...tooLong(
      label,
      'description.short',
      at(manifest, 'description', 'short'),
      LIMITS.descriptionShort,
    ),
  ];
  list(manifest.bots).forEach((bot, b) =>
    list(at(bot, 'commandLists')).forEach((cl, c) => {
      const n = list(at(cl, 'commands')).length;
      if (n > LIMITS.commandsPerList) {
        errors.push(
          `${label}: bots[${b}].commandLists[${c}] has ${n} commands, the limit is ${LIMITS.commandsPerList}`,
        );
      }
    }),
  );
  return errors;
}

/** The localizable strings of the manifest, by localization key (e.g. `staticTabs[0].name`). */
function localizableStrings(manifest: JsonObject): Map<string, string> {
  const out = new Map<string, string>();
  list(manifest.staticTabs).forEach((tab, t) => {
    const name = at(tab, 'name');
    if (typeof name === 'string') out.set(`staticTabs[${t}].name`, name);
  });
  list(manifest.bots).forEach((bot, b) =>
    list(at(bot, 'commandLists')).forEach((cl, c) =>
      list(at(cl, 'commands')).forEach((_cmd, i) => {
        for (const f of ['title', 'description']) {
          const v = at(cl, 'commands', i, f);
          if (typeof v === 'string')
            out.set(`bots[${b}].commandLists[${c}].commands[${i}].${f}`, v);
        }
      }),
    ),
  );
  return out;
}

const TOP_LEVEL_KEYS = new Set([
  '$schema',
  'name.short',
  'name.full',
  'description.short',
  'description.full',
]);

/**
 * A localization file must translate every localizable string of the manifest, and nothing
 * that does not exist there (a stale key after a command was removed), within the limits.
 */
export function checkLocalization(manifest: JsonObject, loc: JsonObject, label: string): string[] {
  const expected = localizableStrings(manifest);
  const errors = [
    ...tooLong(label, 'name.short', loc['name.short'], LIMITS.nameShort),
    ...tooLong(label, 'description.short', loc['description.short'], LIMITS.descriptionShort),
  ];
  for (const key of Object.keys(loc)) {
    if (!TOP_LEVEL_KEYS.has(key) && !expected.has(key)) {
      errors.push(`${label}: "${key}" does not match any string in the manifest`);
    }
  }
  for (const key of [...expected.keys(), 'name.full']) {
    if (!(key in loc)) errors.push(`${label}: "${key}" is not translated`);
  }
  return errors;
}

export interface IconFile {
  name: string;
  data: Buffer;
}

/** color: 192×192; outline: 32×32 with every pixel white or fully transparent. */
export function checkIcons(color: IconFile, outline: IconFile): string[] {
  const errors: string[] = [];
  const size = (icon: IconFile, want: number) => {
    try {
      const { width, height } = readPngHeader(icon.data);
      if (width !== want || height !== want) {
        errors.push(`${icon.name}: is ${width}×${height}, must be ${want}×${want}`);
      }
    } catch (err) {
      errors.push(`${icon.name}: ${(err as Error).message}`);
    }
  };
  size(color, 192);
  size(outline, 32);
  if (errors.some((e) => e.startsWith(`${outline.name}:`))) return errors;
  try {
    const { rgba } = decodePng(outline.data);
    let offending = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      const white = rgba[i] === 255 && rgba[i + 1] === 255 && rgba[i + 2] === 255;
      if (!white && rgba[i + 3] !== 0) offending++;
    }
    if (offending)
      errors.push(`${outline.name}: ${offending} pixels are neither white nor transparent`);
  } catch (err) {
    errors.push(`${outline.name}: ${(err as Error).message}`);
  }
  return errors;
}

/**
 * Every tab URL must load from a valid domain, and plain http is only for this machine:
 * Teams loads tabs over https.
 */
export function checkTabUrls(manifest: JsonObject, label = 'manifest.json'): string[] {
  const domains = list(manifest.validDomains).filter((d): d is string => typeof d === 'string');
  const allowed = (host: string) =>
    domains.some((d) => d === host || (d.startsWith('*.') && host.endsWith(d.slice(1))));
  const urls: [string, JsonValue | undefined][] = [
    ...list(manifest.configurableTabs).map((t, i): [string, JsonValue | undefined] => [
      `configurableTabs[${i}].configurationUrl`,
      at(t, 'configurationUrl'),
    ]),
    ...list(manifest.staticTabs).flatMap((t, i): [string, JsonValue | undefined][] => [
      [`staticTabs[${i}].contentUrl`, at(t, 'contentUrl')],
      [`staticTabs[${i}].websiteUrl`, at(t, 'websiteUrl')],
    ]),
  ];
  const errors: string[] = [];
  for (const [field, value] of urls) {
    if (typeof value !== 'string') continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      errors.push(`${label}: ${field} is not a URL: "${value}"`);
      continue;
    }
    if (!allowed(url.host)) {
      errors.push(
        `${label}: ${field} host ${url.host} is not in validDomains [${domains.join(', ')}]`,
      );
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
      errors.push(`${label}: ${field} must use https (plain http only for localhost): "${value}"`);
    }
  }
  return errors;
}
