import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
/** What `npm run dev` runs after the build. */
export const DEV_ENTRY = path.join(ROOT, 'dist', 'scripts', 'dev.js');
const BUILT = [DEV_ENTRY, path.join(ROOT, 'dist', 'bot', 'index.js')];
/** Variables of the test's own environment the run may see (no DATABASE_URL, no PORT…). */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'SYSTEMROOT'];

/** The run line's closing summary, as a newcomer reads it. */
const SUMMARY = {
  playground: /Agents Playground: (http:\/\/127\.0\.0\.1:\d+)\//,
  tab: /tab: +(http:\/\/127\.0\.0\.1:\d+\/tab\/)/,
  processes: /processes: +server pid (\d+), playground pid (\d+)/,
};

export interface DevRun {
  playgroundUrl: string;
  tabUrl: string;
  serverPid: number;
  playgroundPid: number;
  /** Everything the run printed so far. */
  output(): string;
  /** SIGINT (Ctrl-C) to the run itself; resolves with its exit code (null: killed by a signal). */
  interrupt(timeoutMs: number): Promise<number | null>;
  /** Kills the run and the pids it reported, whatever state they are in (cleanup). */
  kill(): void;
}

/** Throws with the fix when the build the run line makes is missing. */
export function assertBuilt(): void {
  const missing = BUILT.filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(', ')} missing: run \`npm run build\` first (the test line builds before jest).`,
    );
  }
}

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * `node dist/scripts/dev.js` (the second half of `npm run dev`) with any free ports, its
 * own SQLite directory and Playground log; resolves once it has printed its summary.
 */
export async function startDevRun(
  dir: string,
  env: Record<string, string> = {},
  startTimeoutMs = 60_000,
): Promise<DevRun> {
  const inherited = Object.fromEntries(
    INHERITED.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]),
  );
  const child: ChildProcess = spawn(process.execPath, [DEV_ENTRY], {
    cwd: ROOT,
    env: {
      ...inherited,
      PORT: '0',
      PLAYGROUND_PORT: '0',
      WARROOM_DATA_DIR: path.join(dir, 'data'),
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(dir, 'playground.log'),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const reported: number[] = [];
  const kill = () => {
    for (const pid of [child.pid, ...reported]) {
      if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    }
  };

  const deadline = Date.now() + startTimeoutMs;
  while (!SUMMARY.processes.test(text)) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the run line exited during start-up:\n${text}`);
    }
    if (Date.now() > deadline) {
      kill();
      throw new Error(
        `the run line printed no summary within ${startTimeoutMs / 1000} s:\n${text}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const pick = (pattern: RegExp, group = 1) => {
    const value = text.match(pattern)?.[group];
    if (!value) throw new Error(`the summary lacks ${pattern}:\n${text}`);
    return value;
  };
  const serverPid = Number(pick(SUMMARY.processes, 1));
  const playgroundPid = Number(pick(SUMMARY.processes, 2));
  reported.push(serverPid, playgroundPid);
  return {
    playgroundUrl: pick(SUMMARY.playground),
    tabUrl: pick(SUMMARY.tab),
    serverPid,
    playgroundPid,
    output: () => text,
    interrupt: async (timeoutMs) => {
      child.kill('SIGINT');
      const timer = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), timeoutMs).unref(),
      );
      const result = await Promise.race([exited, timer]);
      if (result === 'timeout') {
        throw new Error(`the run line did not stop within ${timeoutMs / 1000} s:\n${text}`);
      }
      return result;
    },
    kill,
  };
}
