import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import { createInterface } from 'node:readline';

/** A child process started by the dev runner; stopped by its pid, never by name. */
export interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  /** Resolves when the process has exited (code or signal as text). */
  exited: Promise<string>;
  /** The last lines of its stdout and stderr, in order, for failure messages. */
  lines: string[];
  /** Called with every further line of output. */
  listeners: Set<(line: string) => void>;
}

const KEEP_LINES = 200;

/** Starts `command` with piped output; its lines go to `listeners`, the last few are kept. */
export function startChild(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions,
): Child {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${name} did not start (${command})`);
  const lines: string[] = [];
  const listeners = new Set<(line: string) => void>();
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`));
    child.once('error', (error) => resolve(`error ${error.message}`));
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      if (lines.length > KEEP_LINES) lines.shift();
      for (const listener of listeners) listener(line);
    });
  }
  return { name, process: child, pid: child.pid, exited, lines, listeners };
}

/** True while the process has neither exited nor been reaped. */
export function isRunning(child: Child): boolean {
  return child.process.exitCode === null && child.process.signalCode === null;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
export async function stopChild(child: Child, graceMs = 5000): Promise<string> {
  if (isRunning(child)) signal(child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (isRunning(child)) signal(child.pid, 'SIGKILL');
  }, graceMs);
  try {
    return await child.exited;
  } finally {
    clearTimeout(timer);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    // ESRCH: it exited between the check and the signal, which is what we wanted.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Resolves with the first match of `pattern` in the child's output; rejects on exit or timeout. */
export function waitForLine(
  child: Child,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpMatchArray> {
  const seen = child.lines.map((line) => line.match(pattern)).find((match) => match);
  if (seen) return Promise.resolve(seen);
  let listener: ((line: string) => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  return new Promise<RegExpMatchArray>((resolve, reject) => {
    listener = (line) => {
      const match = line.match(pattern);
      if (match) resolve(match);
    };
    child.listeners.add(listener);
    timer = setTimeout(
      () => reject(new Error(`${child.name} did not start within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    void child.exited.then((how) =>
      reject(new Error(`${child.name} exited during start-up (${how})`)),
    );
  }).finally(() => {
    clearTimeout(timer);
    if (listener) child.listeners.delete(listener);
  });
}

/** A port nobody listens on at 127.0.0.1 right now (0: let the system choose one). */
export function freeLoopbackPort(port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const chosen = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(chosen));
    });
  });
}

/** This machine's addresses other than loopback (where a listener on every interface is reachable). */
export function externalAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .filter((entry) => !entry.internal && !entry.address.startsWith('fe80:'))
    .map((entry) => entry.address);
}

/** The addresses among `hosts` where something accepts a TCP connection on `port`. */
export async function reachableOn(hosts: string[], port: number): Promise<string[]> {
  const open = await Promise.all(
    hosts.map(
      (host) =>
        new Promise<boolean>((resolve) => {
          const socket = net.connect({ host, port, timeout: 1000 });
          socket.once('connect', () => {
            socket.destroy();
            resolve(true);
          });
          socket.once('timeout', () => {
            socket.destroy();
            resolve(false);
          });
          socket.once('error', () => resolve(false));
        }),
    ),
  );
  return hosts.filter((_, i) => open[i]);
}
