import path from 'node:path';
import { buildAppPackage } from './build';
import { findRootDir } from './root';

/**
 * `node dist/manifest/package.js [envName]` (default `local`): builds the Teams app package
 * into dist/appPackage. Exit code 1 with the list of problems if anything is wrong.
 */
async function main(argv: string[]): Promise<number> {
  const envName = argv[0] ?? 'local';
  const rootDir = findRootDir();
  const result = await buildAppPackage({ rootDir, envName });
  const rel = (p: string) => path.relative(process.cwd(), p) || '.';
  if (result.errors.length || !result.zipPath || !result.manifestPath) {
    console.error(`App package for "${envName}" not built:`);
    for (const e of result.errors) console.error(`  - ${e}`);
    return 1;
  }
  const manifest = result.manifest as { manifestVersion?: string } | undefined;
  console.log(`App package for "${envName}" (env: ${result.envFiles.map(rel).join(' + ')}):`);
  console.log(
    `  validated offline: manifest schema ${manifest?.manifestVersion ?? '?'}, ` +
      `${Object.keys(result.localizations).length} localizations, length limits, icons, tab URLs: no problems`,
  );
  console.log(`  wrote ${rel(result.manifestPath)}`);
  console.log(`  wrote ${rel(result.zipPath)}`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
