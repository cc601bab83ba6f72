import type { JsonValue } from './json';

/** `${{NAME}}`, the Teams Toolkit placeholder syntax. */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export interface Filled<T> {
  value: T;
  errors: string[];
}

/**
 * Replaces placeholders in every string of a parsed JSON document. Filling after parsing
 * (not in the raw text) means a value with quotes or backslashes cannot break the JSON.
 * Each unknown variable is one error naming it and where it is used.
 */
export function fillPlaceholders<T extends JsonValue>(
  doc: T,
  vars: Readonly<Record<string, string>>,
  label: string,
): Filled<T> {
  const missing = new Map<string, string[]>();
  const malformed: string[] = [];
  const walk = (value: JsonValue, at: string): JsonValue => {
    if (typeof value === 'string') {
      const out = value.replace(PLACEHOLDER, (whole, name: string) => {
        if (Object.hasOwn(vars, name)) return vars[name] ?? '';
        missing.set(name, [...(missing.get(name) ?? []), at || '/']);
        return whole;
      });
      if (out.replace(PLACEHOLDER, '').includes('${{')) malformed.push(at || '/');
      return out;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${at}/${i}`));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, `${at}/${k}`)]));
    }
    return value;
  };
  const value = walk(doc, '') as T;
  const errors = [
    ...[...missing].map(
      ([name, paths]) => `${label}: variable ${name} is not set (used at ${paths.join(', ')})`,
    ),
    ...malformed.map((at) => `${label}: malformed placeholder at ${at} (expected \${{NAME}})`),
  ];
  return { value, errors };
}
