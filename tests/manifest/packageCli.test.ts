import { execFile } from 'node:child_process';
import path from 'node:path';

const CLI = path.resolve(__dirname, '../../dist/manifest/package.js');

function runPackage(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env.PATH ?? '' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** `npm run package -- <env>` as an admin runs it: plain words either way, and the exit code. */
describe('npm run package', () => {
  it('says that it validated the package, and where it wrote it', async () => {
    const run = await runPackage('dev');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('validated offline: manifest schema 1.24, 3 localizations');
    expect(run.stdout).toContain('no problems');
    expect(run.stdout).toContain(path.join('dist', 'appPackage', 'appPackage.dev.zip'));
  });

  it('names what is wrong and builds nothing for an environment without an env file', async () => {
    const run = await runPackage('nosuchenv');
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('validated');
    expect(run.stderr).toContain('App package for "nosuchenv" not built:');
    expect(run.stderr).toContain('env/.env.nosuchenv');
  });
});
