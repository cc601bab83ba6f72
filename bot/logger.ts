/** Structured one-line JSON logs; the only sink is stdout/stderr. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export function createLogger(level: LogLevel): Logger {
  const write =
    (lvl: Exclude<LogLevel, 'silent'>) => (msg: string, fields?: Record<string, unknown>) => {
      if (ORDER[lvl] < ORDER[level]) return;
      const line = JSON.stringify({
        t: new Date().toISOString(),
        level: lvl,
        msg,
        ...serialise(fields),
      });
      (lvl === 'error' || lvl === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

function serialise(fields?: Record<string, unknown>) {
  if (!fields) return {};
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) =>
      v instanceof Error ? [k, { name: v.name, message: v.message, stack: v.stack }] : [k, v],
    ),
  );
}
