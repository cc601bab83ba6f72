import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The built server entry (`npm run build:server`). */
export const SERVER_ENTRY = path.resolve(__dirname, '../../dist/bot/index.js');

const BANNER = /bot endpoint: (http:\/\/\S+)\/api\/messages/;
/** Only this much of stderr is kept for failure messages. */
const STDERR_KEEP = 64 * 1024;
/** Variables of the test's own environment the server may see (no DATABASE_URL, no PORT…). */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'SYSTEMROOT'];

export interface ServerProcessOptions {
  /** Server configuration (see README's table); WARROOM_LOCAL_DEV, HOST and PORT default to loopback dev mode. */
  env: Record<string, string>;
  /** The compiled entry to run; default dist/bot/index.js. */
  entry?: string;
  /** How long to wait for the start-up banner. */
  startTimeoutMs?: number;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
/** A test runner that dies must not leave servers behind. */
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) if (child.pid) killPid(child.pid, 'SIGKILL');
  });
}

/** Throws with the fix when the server has not been built. */
export function assertBuilt(entry = SERVER_ENTRY): void {
  if (!fs.existsSync(entry)) {
    throw new Error(
      `${entry} is missing: run \`npm run build:server\` first (the test line builds before jest).`,
    );
  }
}

/**
 * The real server as a child process (`node dist/bot/index.js`), so a test can kill it
 * with SIGKILL at any moment and start it again on the same data directory or database.
 */
export class ServerProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private up = deferred<string>();
  private currentUrl: string | undefined;
  private stderrText = '';
  /** Set while we are ending the process ourselves: any other exit is the server's own doing. */
  private ending = false;
  /** How many times the process was started. */
  starts = 0;
  /** Exits nobody asked for (a crash of the server itself), as `exit code or signal`. */
  readonly unexpectedExits: string[] = [];

  private constructor(private readonly options: ServerProcessOptions) {}

  static async start(options: ServerProcessOptions): Promise<ServerProcess> {
    assertBuilt(options.entry);
    const server = new ServerProcess(options);
    await server.launch();
    return server;
  }

  /** http://127.0.0.1:<port> of the running process; throws while it is down. */
  get url(): string {
    if (!this.currentUrl) throw new Error('the server is not running');
    return this.currentUrl;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Resolves with the base URL once the process is (again) up. */
  whenUp(): Promise<string> {
    return this.up.promise;
  }

  /** What the process wrote to stderr (the last 64 KB), for failure messages. */
  get stderr(): string {
    return this.stderrText;
  }

  /** SIGKILL: no shutdown code runs, as when the machine or container dies. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** Starts it again with the same configuration (same data directory or database). */
  async restart(): Promise<void> {
    if (this.child) await this.kill();
    await this.launch();
  }

  /** SIGTERM (graceful close), then SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    const timer = setTimeout(() => child.pid && killPid(child.pid, 'SIGKILL'), graceMs);
    try {
      await this.signal('SIGTERM');
    } finally {
      clearTimeout(timer);
    }
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    this.currentUrl = undefined;
    this.ending = true;
    if (this.up.settled) this.up = deferred(); // down until the next launch settles it
    if (child.exitCode === null && child.signalCode === null) killPid(child.pid, signal);
    await this.exited;
    this.child = undefined;
  }

  private launch(): Promise<void> {
    const env: Record<string, string> = {};
    for (const key of INHERITED) if (process.env[key]) env[key] = process.env[key];
    Object.assign(
      env,
      { WARROOM_LOCAL_DEV: '1', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' },
      this.options.env,
    );
    const child = spawn(process.execPath, [this.options.entry ?? SERVER_ENTRY], {
      cwd: path.resolve(__dirname, '../..'),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.ending = false;
    this.starts++;
    live.add(child);
    installExitHook();
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    void this.exited.then(() => live.delete(child));
    child.once('exit', (code, signal) => {
      if (this.ending) return;
      this.unexpectedExits.push(String(signal ?? code));
      this.currentUrl = undefined;
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderrText = (this.stderrText + chunk).slice(-STDERR_KEEP);
    });

    const timeoutMs = this.options.startTimeoutMs ?? 15_000;
    const started = new Promise<string>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => {
        this.ending = true;
        if (child.pid) killPid(child.pid, 'SIGKILL');
        reject(new Error(`server did not start within ${timeoutMs} ms\n${this.stderrText}`));
      }, timeoutMs);
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        if (this.currentUrl) return; // the banner is all we read; keep draining the pipe
        stdout += chunk;
        const m = BANNER.exec(stdout);
        if (m) {
          clearTimeout(timer);
          this.currentUrl = m[1];
          resolve(m[1]!);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(`server exited (${signal ?? code}) before it started\n${this.stderrText}`),
        );
      });
    });
    started.then(this.up.resolve, this.up.reject);
    return started.then(() => undefined);
  }
}

function deferred<T>() {
  const d = { settled: false } as {
    settled: boolean;
    promise: Promise<T>;
    resolve: (value: T) => void;
    reject: (error: Error) => void;
  };
  d.promise = new Promise<T>((resolve, reject) => {
    d.resolve = (value) => {
      d.settled = true;
      resolve(value);
    };
    d.reject = (error) => {
      d.settled = true;
      reject(error);
    };
  });
  d.promise.catch(() => undefined); // a failed start is reported by start()/restart() too
  return d;
}

/** Signals one process of ours; one that has already exited is fine. */
function killPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}
