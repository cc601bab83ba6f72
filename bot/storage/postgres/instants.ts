import { types, type CustomTypesConfig } from 'pg';

const TIMESTAMPTZ = 1184;
const asDate = types.getTypeParser(TIMESTAMPTZ, 'text');

/** How PostgreSQL prints a timestamptz in a UTC session: trailing zeros of the fraction dropped. */
const UTC_TEXT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,3}))?\+00$/;

/**
 * A timestamptz as the `toISOString` text it stands for, without a Date in between (a page of
 * 200 incidents reads a thousand instants; pg's parser builds a Date of each, which the
 * repositories then turned back into text). Anything else — another session time zone,
 * microseconds, years past 9999, BC, infinity — goes through pg's parser as before.
 */
export function timestamptzText(text: string): string | Date {
  const m = UTC_TEXT.exec(text);
  if (!m) return asDate(text) as Date;
  return `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(3, '0')}Z`;
}

/** pg's parsers, but timestamptz read as `timestamptzText` says; for the pools' clients. */
export const pgTypes: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ && format !== 'binary'
      ? timestamptzText
      : types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
};
