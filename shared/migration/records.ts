import { Parser, type Options } from 'csv-parse';
import { parse } from 'csv-parse/sync';

/** csv-parse's parser core, which its stream and sync interfaces both drive. */
interface ParserCore {
  parse(
    buf: Buffer,
    end: boolean,
    push: (record: string[]) => void,
    close: () => void,
  ): Error | undefined;
}

function coreOf(options: Options): ParserCore | undefined {
  const core = (new Parser(options) as unknown as { api?: Partial<ParserCore> }).api;
  return typeof core?.parse === 'function' ? (core as ParserCore) : undefined;
}

/**
 * Hands each record of `bytes` to `onRecord` as csv-parse reads it, keeping none. Drives
 * the parser core directly: the sync interface's `on_record` builds a context object per
 * record and its callback form collects every record, which cost a third of reading a
 * 100,000-row export (docs/decisions/024). The core is not in csv-parse's typings (the
 * version is pinned): if it is ever missing, the sync interface does the work as before.
 * Throws csv-parse's CsvError as its other interfaces do.
 */
export function eachRecord(
  bytes: Buffer,
  options: Options,
  onRecord: (record: string[]) => void,
): void {
  const core = coreOf(options);
  if (core) {
    const error = core.parse(bytes, true, onRecord, () => undefined);
    if (error !== undefined) throw error;
    return;
  }
  parse(bytes, {
    ...options,
    on_record: (record: string[]) => {
      onRecord(record);
      return null;
    },
  });
}
