import fs from 'node:fs';

/** JSON values as they come out of JSON.parse: what the template and its fill work on. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a JSON object from `file`; problems come back as one readable error naming `label`. */
export function readJsonObject(
  file: string,
  label: string,
): { value: JsonObject; error?: undefined } | { value?: undefined; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    return { error: `${label}: cannot read JSON: ${(err as Error).message}` };
  }
  return isJsonObject(value) ? { value } : { error: `${label}: expected a JSON object` };
}
