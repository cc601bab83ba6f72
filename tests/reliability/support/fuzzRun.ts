import fc from 'fast-check';

/** FUZZ_SEED replays a run; otherwise every run explores new inputs. */
export function fuzzSeed(env: string | undefined = process.env.FUZZ_SEED): number {
  if (env === undefined || env.trim() === '') return (Math.random() * 2 ** 31) | 0;
  const seed = Number(env);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, not ${env}`);
  return seed;
}

/** FUZZ_SCALE=10 runs ten times the cases (and time) of every property: a longer hunt. */
export function fuzzScale(env: string | undefined = process.env.FUZZ_SCALE): number {
  if (env === undefined || env.trim() === '') return 1;
  const scale = Number(env);
  if (!(scale > 0)) throw new Error(`FUZZ_SCALE must be a positive number, not ${env}`);
  return scale;
}

/** Generated cases per property name, this run (for a total at the end). */
export const casesRun: Record<string, number> = {};

export interface FuzzOptions {
  seed: number;
  numRuns: number;
  /** Generation and shrinking stop here; the runs done so far still count. */
  timeLimitMs: number;
}

/** Long lines (a 100 kB counterexample) would drown the report: keep their ends. */
function shorten(report: string, max = 600): string {
  return report
    .split('\n')
    .map((line) =>
      line.length <= max
        ? line
        : `${line.slice(0, max / 2)} …(${line.length - max} chars)… ${line.slice(-max / 2)}`,
    )
    .join('\n');
}

/** A failure's kind: its first line with ids, ports and numbers blanked. */
const signature = (e: unknown) =>
  (e instanceof Error ? e.message : String(e))
    .split('\n')[0]!
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/:\d{4,5}\b/g, ':<port>')
    .replace(/\d{4,}/g, 'N')
    .slice(0, 240);

/**
 * FUZZ_ALL=1: run every case instead of stopping at the first failure, then report each
 * distinct failure once with an input that caused it (for a list of defects, not a test).
 */
async function fuzzAll<T>(
  name: string,
  arb: fc.Arbitrary<T>,
  opts: FuzzOptions,
  predicate: (input: T) => Promise<void>,
): Promise<void> {
  const failures = new Map<string, { count: number; input: T }>();
  const details = await fc.check(
    fc.asyncProperty(arb, async (input) => {
      await predicate(input).catch((e: unknown) => {
        const seen = failures.get(signature(e));
        failures.set(signature(e), { count: (seen?.count ?? 0) + 1, input: seen?.input ?? input });
      });
    }),
    {
      seed: opts.seed,
      numRuns: opts.numRuns,
      plugins: [fc.interruptAfterTimeLimit(opts.timeLimitMs)],
    },
  );
  casesRun[name] = details.numRuns;
  const lines = [...failures].map(
    ([why, { count, input }]) =>
      `  ${count}× ${why}\n     e.g. ${shorten(JSON.stringify(input) ?? '', 400)}`,
  );
  console.log(
    `fuzz "${name}": ${details.numRuns} cases, ${failures.size} distinct failures; seed ${opts.seed}\n${lines.join('\n')}`,
  );
  if (failures.size > 0)
    throw new Error(`fuzz "${name}": ${failures.size} distinct failures (see log)`);
}

/**
 * Checks `predicate` on `numRuns` inputs of `arb` (fewer if the time limit hits), logs how
 * many ran, and on failure throws fast-check's report: seed, path and the shrunk input.
 */
export async function fuzz<T>(
  name: string,
  arb: fc.Arbitrary<T>,
  opts: FuzzOptions,
  predicate: (input: T) => Promise<void>,
): Promise<void> {
  if (process.env.FUZZ_ALL === '1') return fuzzAll(name, arb, opts, predicate);
  let executed = 0;
  const started = Date.now();
  const details = await fc.check(
    fc.asyncProperty(arb, async (input) => {
      executed++;
      await predicate(input);
    }),
    {
      seed: opts.seed,
      numRuns: opts.numRuns,
      plugins: [fc.interruptAfterTimeLimit(opts.timeLimitMs)],
    },
  );
  casesRun[name] = details.numRuns;
  const shrinks = details.failed ? `, ${details.numShrinks} shrink steps` : '';
  const cut = details.interrupted ? ' (stopped by the time limit)' : '';
  console.log(
    `fuzz "${name}": ${details.numRuns} generated cases${shrinks}, ${executed} executions ` +
      `in ${Date.now() - started} ms${cut}; seed ${opts.seed} (FUZZ_SEED=${opts.seed} to replay)`,
  );
  if (details.failed) {
    const report = (await fc.asyncDefaultReportMessage(details)) ?? 'property failed';
    const error = details.errorInstance;
    const why = error instanceof Error ? error.message : String(error);
    // JSON as sent, so the input can be replayed by hand too.
    const input = JSON.stringify((details.counterexample as [T] | null)?.[0]) ?? 'undefined';
    throw new Error(
      `fuzz "${name}" failed: ${shorten(why)}\ninput: ${shorten(input)}\n${shorten(report)}`,
    );
  }
}
