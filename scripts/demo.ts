import { parseArgs } from 'node:util';
import { PLAYGROUND_URL } from './demo/playground';
import { runDemo } from './demo/weekend';

/**
 * `npm run demo [-- --url http://127.0.0.1:3978 --playground http://127.0.0.1:56150
 * --mailboxes 3500]`: fills the war room of the Playground team's General channel with a
 * cutover weekend, against a server already running in local development mode (`npm run
 * dev`, or `npm run dev -- --demo`, which runs this once both are up). Loopback only.
 */

const USAGE =
  'usage: npm run demo -- [--url http://127.0.0.1:3978] [--playground http://127.0.0.1:56150] [--mailboxes 3500]';

/** The demo talks to this machine only: a server elsewhere is not in local development mode. */
function loopbackUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name}: not a URL: "${raw}"\n${USAGE}`);
  }
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(
      `${name}: the demo only talks to this machine (http://127.0.0.1:…), not ${raw}`,
    );
  }
  return url.origin;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? '3978'}` },
      playground: { type: 'string', default: PLAYGROUND_URL },
      mailboxes: { type: 'string', default: '3500' },
    },
  });
  const baseUrl = loopbackUrl('--url', values.url);
  const playground = loopbackUrl('--playground', values.playground);
  const mailboxes = Number(values.mailboxes);
  if (!Number.isInteger(mailboxes) || mailboxes < 24 || mailboxes > 100_000) {
    throw new Error(`--mailboxes: a whole number from 24 to 100000, not "${values.mailboxes}"`);
  }
  const started = Date.now();
  const log = (line: string) => process.stdout.write(`[demo] ${line}\n`);
  const result = await runDemo({
    baseUrl,
    serviceUrl: `${playground}/_connector`,
    mailboxes,
    log,
  });
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s. Look at:`);
  log(`  Agents Playground: ${playground}/   (team "Mailbox cutover", channel General)`);
  log(`  tab:               ${baseUrl}/tab/`);
  log(
    `  migration totals:  ${baseUrl}/api/v1/war-rooms/${result.warRoomId}/migration   (local development mode: no token needed)`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`[demo] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
