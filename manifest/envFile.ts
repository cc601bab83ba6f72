import fs from 'node:fs';
import path from 'node:path';

/**
 * The env files of the Teams Toolkit convention: env/.env.<name> (committed) and
 * env/.env.<name>.user (secrets, git-ignored). A small parser of our own instead of a new
 * dependency; the syntax is the subset that POSIX `sh` also reads with `. env/.env.local`.
 */

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ENV_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export interface ParsedEnv {
  vars: Record<string, string>;
  errors: string[];
}

/** Parses `KEY=value` lines: `#` comments, blank lines, optional `export`, quoted values. */
export function parseEnvFile(text: string, label: string): ParsedEnv {
  const vars: Record<string, string> = {};
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = line
      .slice(0, eq === -1 ? undefined : eq)
      .replace(/^export\s+/, '')
      .trim();
    if (eq === -1 || !KEY.test(key)) {
      errors.push(`${label}:${i + 1}: expected KEY=value, got "${line}"`);
      return;
    }
    const rest = line.slice(eq + 1).trim();
    const quoted = /^(["'])(.*)\1$/.exec(rest);
    if (quoted) vars[key] = quoted[2] ?? '';
    else if (/^["']/.test(rest)) errors.push(`${label}:${i + 1}: unterminated quote in ${key}`);
    else vars[key] = rest.replace(/\s+#.*$/, '');
  });
  return { vars, errors };
}

export interface LoadedEnv extends ParsedEnv {
  /** The files read, in order (later ones win). */
  files: string[];
}

/**
 * Reads env/.env.<envName>, then env/.env.<envName>.user if present; later values win.
 * `process.env` is deliberately not consulted: a package must be reproducible from the files.
 */
export function loadEnv(rootDir: string, envName: string): LoadedEnv {
  if (!ENV_NAME.test(envName)) {
    return { vars: {}, errors: [`invalid environment name "${envName}"`], files: [] };
  }
  const base = path.join(rootDir, 'env', `.env.${envName}`);
  if (!fs.existsSync(base)) {
    return { vars: {}, errors: [`env/.env.${envName} not found`], files: [] };
  }
  const result: LoadedEnv = { vars: {}, errors: [], files: [] };
  for (const file of [base, `${base}.user`]) {
    if (!fs.existsSync(file)) continue;
    const parsed = parseEnvFile(fs.readFileSync(file, 'utf8'), path.relative(rootDir, file));
    Object.assign(result.vars, parsed.vars);
    result.errors.push(...parsed.errors);
    result.files.push(file);
  }
  return result;
}
