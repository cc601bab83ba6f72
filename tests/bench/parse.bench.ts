/**
 * Benchmark: how long the text of one message takes to parse when it is built to be slow.
 * Prints figures; asserts nothing (tests/unit/parse.test.ts checks the results are right).
 * A message is parsed on the event loop, so a slow one stalls every other request.
 *
 *   npm run build:server && node dist/tests/bench/parse.bench.js
 *
 * Each input is at most 28,000 characters (the limit of `text` at the endpoint), except
 * the few marked ×4, which show how the time grows with the length.
 */
import { performance } from 'node:perf_hooks';
import { parseCommand, stripMentions } from '../../shared/commands/parse';
import { extractSeverity } from '../../shared/domain/incident';
import { validTitle } from '../../shared/domain/title';

const N = 28_000;
const fill = (unit: string, length = N) => unit.repeat(Math.floor(length / unit.length));

const MESSAGES: [string, string][] = [
  ['28,000 "<"', fill('<')],
  ['28,000 "<" ×4', fill('<', 4 * N)],
  ['"<a" repeated', fill('<a')],
  ['"<at>" repeated, never closed', fill('<at>')],
  ['28,000 "<at>" (112,000 characters)', '<at>'.repeat(N)],
  ['"<at>x</at>" repeated (many mentions)', fill('<at>x</at>')],
  ['"<at>x</at>" repeated ×4', fill('<at>x</at>', 4 * N)],
  ['"<at>" then no "<" at all', `<at>${fill('x', N - 4)}`],
  ['"&" repeated', fill('&')],
  ['"&amp;" repeated', fill('&amp;')],
  ['"&nbsp;" repeated', fill('&nbsp;')],
  ['whitespace', fill(' \t\n')],
  ['"incident" + ":" repeated + "x"', `incident${fill(':', N - 10)}x`],
  ['"incident x sev1 " + "," repeated + "x"', `incident x sev1 ${fill(',', N - 20)}x`],
  ['"incident x sev1 " + "-" repeated ×4 + "x"', `incident x sev1 ${fill('-', 4 * N)}x`],
  ['"incident " + " s1" repeated', `incident ${fill(' s1')}`],
  ['"incident " + "s1." repeated', `incident ${fill('s1.')}`],
];

/** Median and slowest of five runs, in milliseconds (the machine may be busy: read both). */
function time(fn: () => unknown): [number, number] {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    fn();
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  return [runs[2]!, runs[4]!];
}

const ms = (n: number) => `${n.toFixed(1).padStart(8)} ms`;
const row = (label: string, [median, worst]: [number, number]) =>
  `  ${label.padEnd(44)} ${ms(median)} median ${ms(worst)} slowest`;

/** validTitle's answer or its refusal (too long, empty): either way the time is what counts. */
function titleOrRefusal(text: string): unknown {
  try {
    return validTitle(text, 'incident');
  } catch (refusal) {
    return refusal;
  }
}

const SUBJECTS: [string, (text: string) => unknown][] = [
  [
    'stripMentions (no bot names: the first mention is the bot) → parseCommand',
    (text) => parseCommand(stripMentions(text)),
  ],
  [
    'stripMentions with the bot named (Teams entities)',
    (text) => stripMentions(text, ['War Room']),
  ],
  [
    'extractSeverity and validTitle on the raw text',
    (text) => [extractSeverity(text), titleOrRefusal(text)],
  ],
];

function main() {
  console.log(`Parsing adversarial messages — Node ${process.version}, 5 runs each`);
  for (const [subject, parse] of SUBJECTS) {
    console.log(subject);
    for (const [label, text] of MESSAGES) {
      const figures = time(() => parse(text));
      console.log(row(label, figures));
    }
  }
}

main();
