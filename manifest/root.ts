import fs from 'node:fs';
import path from 'node:path';

/**
 * The project root: the nearest directory above `from` holding the manifest template. The CLIs
 * run compiled from dist/manifest, so the sources are not beside them.
 */
export function findRootDir(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'manifest', 'manifest.template.json'))) return dir;
    if (path.dirname(dir) === dir) {
      throw new Error(`no manifest/manifest.template.json found above ${from}`);
    }
  }
}
