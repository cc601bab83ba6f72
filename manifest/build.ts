import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { checkIcons, checkLimits, checkLocalization, checkTabUrls } from './checks';
import { loadEnv } from './envFile';
import { isJsonObject, readJsonObject, type JsonObject } from './json';
import { fillPlaceholders } from './placeholders';
import { validateLocalizationSchema, validateManifestSchema } from './schema';

export interface BuildOptions {
  /** The project root (holds manifest/ and env/). */
  rootDir: string;
  /** Reads env/.env.<envName> and env/.env.<envName>.user. */
  envName: string;
  /** Defaults to <rootDir>/dist/appPackage. */
  outDir?: string;
}

export interface BuildResult {
  /** The filled manifest, once every placeholder could be filled (even if it is invalid). */
  manifest?: JsonObject;
  /** The filled localization files by file name (da.json, ...). */
  localizations: Record<string, JsonObject>;
  /** Written only when there are no errors. */
  manifestPath?: string;
  zipPath?: string;
  /** The env files that were read, in order. */
  envFiles: string[];
  /** Readable problems, each naming its file; empty means the package was written. */
  errors: string[];
}

/** Zip entries get a fixed date so the same inputs give the same zip. */
const ZIP_DATE = new Date('2025-01-01T00:00:00Z');

/** Package files sit at the zip root, so manifest references must be bare file names. */
const isPlainFileName = (name: string) => name === path.basename(name) && name !== '..';

/** The localization files the manifest lists, as `[languageTag, file]`. */
function languageFiles(template: JsonObject): [string, string][] {
  const info = template.localizationInfo;
  const extra =
    isJsonObject(info) && Array.isArray(info.additionalLanguages) ? info.additionalLanguages : [];
  return extra.flatMap((l) =>
    isJsonObject(l) && typeof l.languageTag === 'string' && typeof l.file === 'string'
      ? [[l.languageTag, l.file] as [string, string]]
      : [],
  );
}

/**
 * Fills manifest/manifest.template.json and its localization files from the env files,
 * validates everything offline, and writes manifest.json plus appPackage.<env>.zip.
 * Nothing is written if anything is wrong; all problems found are returned together.
 */
export async function buildAppPackage(options: BuildOptions): Promise<BuildResult> {
  const { rootDir, envName } = options;
  const outDir = options.outDir ?? path.join(rootDir, 'dist', 'appPackage');
  const srcDir = path.join(rootDir, 'manifest');
  const env = loadEnv(rootDir, envName);
  const result: BuildResult = { localizations: {}, envFiles: env.files, errors: [...env.errors] };
  if (!env.files.length) return result;

  const template = readJsonObject(
    path.join(srcDir, 'manifest.template.json'),
    'manifest.template.json',
  );
  if (template.error !== undefined) {
    return { ...result, errors: [...result.errors, template.error] };
  }
  const filled = fillPlaceholders(template.value, env.vars, 'manifest.template.json');
  result.errors.push(...filled.errors);

  for (const [, file] of languageFiles(template.value)) {
    if (!isPlainFileName(file)) {
      result.errors.push(`localizationInfo: "${file}" must be a file name in manifest/`);
      continue;
    }
    const loc = readJsonObject(path.join(srcDir, file), file);
    if (loc.error !== undefined) {
      result.errors.push(loc.error);
      continue;
    }
    const l = fillPlaceholders(loc.value, env.vars, file);
    result.errors.push(...l.errors);
    result.localizations[file] = l.value;
  }
  if (result.errors.length) return result; // unfilled placeholders would only add noise below

  const manifest = filled.value;
  result.manifest = manifest;
  result.errors.push(
    ...(await validateManifestSchema(manifest)),
    ...checkLimits(manifest),
    ...checkTabUrls(manifest),
  );
  for (const [file, loc] of Object.entries(result.localizations)) {
    result.errors.push(
      ...(await validateLocalizationSchema(loc, file)),
      ...checkLocalization(manifest, loc, file),
    );
  }

  const icons = isJsonObject(manifest.icons) ? manifest.icons : {};
  const iconFiles = [icons.color, icons.outline].map((name) => {
    if (
      typeof name !== 'string' ||
      !isPlainFileName(name) ||
      !fs.existsSync(path.join(srcDir, name))
    ) {
      result.errors.push(`icon file ${JSON.stringify(name)} not found in manifest/`);
      return undefined;
    }
    return { name, data: fs.readFileSync(path.join(srcDir, name)) };
  });
  const [color, outline] = iconFiles;
  if (color && outline) result.errors.push(...checkIcons(color, outline));
  if (result.errors.length) return result;

  const zip = new JSZip();
  const add = (name: string, data: string | Buffer) => zip.file(name, data, { date: ZIP_DATE });
  const manifestJson = `${JSON.stringify(manifest, null, 2)}\n`;
  add('manifest.json', manifestJson);
  for (const icon of [color, outline]) if (icon) add(icon.name, icon.data);
  for (const [file, loc] of Object.entries(result.localizations)) {
    add(file, `${JSON.stringify(loc, null, 2)}\n`);
  }
  fs.mkdirSync(outDir, { recursive: true });
  result.manifestPath = path.join(outDir, 'manifest.json');
  result.zipPath = path.join(outDir, `appPackage.${envName}.zip`);
  fs.writeFileSync(result.manifestPath, manifestJson);
  fs.writeFileSync(
    result.zipPath,
    await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' }),
  );
  return result;
}
