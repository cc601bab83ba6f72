import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Shared set-up of the manifest tests. Each test file must also mock strip-bom (see there). */

export const ROOT = path.resolve(__dirname, '..', '..');

/**
 * A fresh temp dir per test file, removed afterwards; and validation must stay offline, so
 * any `fetch` fails the test that caused it.
 */
export function useTempDirOffline(): () => string {
  let tmp = '';
  let fetchSpy: jest.SpyInstance;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-manifest-'));
    fetchSpy = jest.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('no network in tests'));
  });
  afterEach(() => expect(fetchSpy).not.toHaveBeenCalled());
  afterAll(() => {
    fetchSpy.mockRestore();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  return () => tmp;
}

/** A throwaway project root under `tmp` with the real manifest sources and the given env files. */
export function fakeRoot(tmp: string, envFiles: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(tmp, 'root-'));
  fs.cpSync(path.join(ROOT, 'manifest'), path.join(root, 'manifest'), {
    recursive: true,
    filter: (src) => !src.endsWith('.ts'),
  });
  fs.mkdirSync(path.join(root, 'env'));
  for (const [name, text] of Object.entries(envFiles)) {
    fs.writeFileSync(path.join(root, 'env', name), text);
  }
  return root;
}

/** The committed env/.env.local, as a base for variations. */
export const localEnv = () => fs.readFileSync(path.join(ROOT, 'env', '.env.local'), 'utf8');
