import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  externalAddresses,
  freeLoopbackPort,
  isRunning,
  reachableOn,
  startChild,
  stopChild,
  waitForLine,
  type Child,
} from './children';
import { runDemo } from './demo/weekend';

/**
 * `npm run dev` after the build: the server in local development mode (env/.env.local,
 * SQLite) and the Microsoft 365 Agents Playground pointed at it, both on loopback, offline.
 * Prints where they are; SIGINT/SIGTERM stops both by pid. Either one exiting stops the other.
 *
 * `--demo` (`npm run dev -- --demo`): once both are up, fills the Playground's General
 * channel with a cutover weekend (scripts/demo/weekend.ts); a failure there is reported and
 * leaves both running.
 *
 * Environment: PORT (server, default from env/.env.local; 0 = any free port),
 * PLAYGROUND_PORT (default 56150; 0 = any free port), and anything bot/config.ts reads.
 */

const START_TIMEOUT_MS = 60_000;
/** The server's banner line (tests/support/serverProcess.ts reads the same line). */
const SERVER_UP = /bot endpoint: (http:\/\/\S+)\/api\/messages/;
/** Written by the Playground when its stdout is not a terminal. */
const PLAYGROUND_UP = /^Listening on (\d+)$/;

/** The repository root: the nearest folder up from here with War Room's package.json. */
function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (
      fs.existsSync(manifest) &&
      JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'war-room'
    )
      return dir;
  }
  throw new Error(`no war-room package.json above ${__dirname}`);
}

function playgroundCli(root: string): { cli: string; version: string } {
  const dir = path.join(root, 'node_modules', '@microsoft', 'm365agentsplayground');
  const manifest = path.join(dir, 'package.json');
  if (!fs.existsSync(manifest)) {
    throw new Error(
      'The Microsoft 365 Agents Playground is not installed: run `npm ci` (it is a pinned devDependency).',
    );
  }
  const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as {
    version: string;
    bin: Record<string, string>;
  };
  const bin = pkg.bin.agentsplayground;
  if (!bin) throw new Error(`${manifest} has no agentsplayground bin`);
  return { cli: path.join(dir, bin), version: pkg.version };
}

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name}: must be a port number (0 for any free port), not "${raw}"`);
  }
  return port;
}

async function main(): Promise<void> {
  const root = repoRoot();
  const children: Child[] = [];
  let stopping = false;
  const stopAll = async (why: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n[dev] ${why}: stopping ${describe(children)}\n`);
    const results = await Promise.all(children.map((c) => stopChild(c)));
    children.forEach((c, i) => process.stdout.write(`[dev] ${c.name} stopped (${results[i]})\n`));
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void stopAll('SIGINT', 0));
  process.once('SIGTERM', () => void stopAll('SIGTERM', 0));
  // Last resort if this script itself dies: no child outlives it.
  process.once('exit', () => {
    for (const c of children) if (isRunning(c)) c.process.kill('SIGKILL');
  });
  const watch = (child: Child) => {
    children.push(child);
    // Ctrl-C in a terminal signals the whole process group: a child may stop before our
    // own handler runs. That is a requested stop, not a failure.
    void child.exited.then((how) =>
      stopAll(`${child.name} exited (${how})`, /SIGINT|SIGTERM|code 0$/.test(how) ? 0 : 1),
    );
  };
  try {
    await start(root, watch);
  } catch (error) {
    process.stderr.write(`[dev] ${error instanceof Error ? error.message : String(error)}\n`);
    await stopAll('start-up failed', 1);
  }
}

/** Starts the server, then the Playground pointed at it; prints where they are. */
async function start(root: string, watch: (child: Child) => void): Promise<void> {
  // --- the server -------------------------------------------------------------------------
  const server = startChild(
    'server',
    process.execPath,
    [
      `--env-file=${path.join(root, 'env', '.env.local')}`,
      // restify 11 reads process.binding('http_parser') once at load: harmless on Node 20.
      '--disable-warning=DEP0111',
      path.join(root, 'dist', 'bot', 'index.js'),
    ],
    { cwd: root, env: { ...process.env, WARROOM_LOCAL_DEV: '1' } },
  );
  server.listeners.add((line) => process.stdout.write(`[server] ${line}\n`));
  watch(server);
  const baseUrl = (await waitForLine(server, SERVER_UP, START_TIMEOUT_MS))[1] as string;
  const endpoint = `${baseUrl}/api/messages`;

  // --- the Agents Playground ---------------------------------------------------------------
  const { cli, version } = playgroundCli(root);
  const wanted = portFromEnv('PLAYGROUND_PORT', 56150);
  const port = await freeLoopbackPort(wanted).catch(() => {
    throw new Error(
      `PLAYGROUND_PORT: port ${wanted} is in use on 127.0.0.1; set PLAYGROUND_PORT to another port, or 0 for any free one`,
    );
  });
  const playground = startChild(
    'playground',
    process.execPath,
    [
      '--import',
      pathToFileURL(path.join(root, 'scripts', 'loopback-only.mjs')).href,
      cli,
      'start',
      '--app-endpoint',
      endpoint,
      '--channel-id',
      'msteams',
      '--port',
      String(port),
      // Its Bot Connector, as the bot should call it: an IPv4 loopback address, not "localhost".
      '--service-url',
      `http://127.0.0.1:${port}/_connector`,
      '--disable-telemetry',
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        TEAMSFX_TELEMETRY_OPTOUT: 'true',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: path.join(root, '.m365agentsplayground.yml'),
        M365_AGENTS_PLAYGROUND_LOGFILE:
          process.env.M365_AGENTS_PLAYGROUND_LOGFILE ??
          path.join(root, '.tmp', 'agentsplayground.log'),
      },
    },
  );
  playground.listeners.add((line) => process.stdout.write(`[playground] ${line}\n`));
  watch(playground);
  const listening = Number((await waitForLine(playground, PLAYGROUND_UP, START_TIMEOUT_MS))[1]);
  if (listening !== port) {
    // It moves to a random port when its port is taken, and then its connector URL is wrong.
    throw new Error(`the Playground took port ${listening}, not ${port}: another process took it`);
  }
  const exposed = await reachableOn(externalAddresses(), port);
  if (exposed.length > 0) {
    process.stdout.write(
      `[dev] WARNING: the Playground answers on ${exposed.join(', ')} port ${port}, not only on loopback\n`,
    );
  }

  process.stdout.write(
    [
      '',
      'War Room is running locally (Ctrl-C stops everything):',
      `  Agents Playground: http://127.0.0.1:${port}/   (${version}; open "General", type @War Room and pick it, then "help")`,
      `  tab:               ${baseUrl}/tab/`,
      `  bot endpoint:      ${endpoint}   (local development mode: no authentication)`,
      `  health:            ${baseUrl}/healthz`,
      `  processes:         server pid ${server.pid}, playground pid ${playground.pid}`,
      '',
    ].join('\n'),
  );
  if (process.argv.includes('--demo')) await demo(baseUrl, port);
}

/** The demo weekend, through the server's real inputs; the Playground receives the replies. */
async function demo(baseUrl: string, playgroundPort: number): Promise<void> {
  const log = (line: string) => process.stdout.write(`[demo] ${line}\n`);
  try {
    await runDemo({ baseUrl, serviceUrl: `http://127.0.0.1:${playgroundPort}/_connector`, log });
    log(`done: open http://127.0.0.1:${playgroundPort}/ (General) and ${baseUrl}/tab/`);
  } catch (error) {
    log(
      `failed: ${error instanceof Error ? error.message : String(error)} (the server and the Playground keep running)`,
    );
  }
}

function describe(children: Child[]): string {
  return children.map((c) => `${c.name} pid ${c.pid}`).join(', ');
}

main().catch((error: unknown) => {
  process.stderr.write(`[dev] ${error instanceof Error ? error.message : String(error)}\n`);
  // The 'exit' hook kills whatever was started.
  process.exit(1);
});
