import { parseCommand } from '../../shared/commands/parse';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { buildAppPackage, type BuildResult } from '../../manifest/build';
import { checkLocalization, LIMITS } from '../../manifest/checks';
import { parseEnvFile } from '../../manifest/envFile';
import { ACCENT, colorIcon, outlineIcon } from '../../manifest/icons';
import type { JsonObject } from '../../manifest/json';
import { decodePng, readPngHeader } from '../../manifest/png';
import {
  MANIFEST_SCHEMA_URL,
  MANIFEST_VERSION,
  validateLocalizationSchema,
  validateManifestSchema,
} from '../../manifest/schema';
import { fakeRoot, localEnv, ROOT, useTempDirOffline } from './support';
import { COMMAND_WORDS } from '../support/commandWords';

// @microsoft/app-manifest requires strip-bom 5, which is ESM-only: Node 20.19+ loads it, jest's
// CommonJS runtime does not. Only the library's file readers use it, never schema validation.
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: (text: string) => text.replace(/^\uFEFF/, ''),
}));

const EXPECTED_FILES = [
  'color.png',
  'da.json',
  'fr.json',
  'manifest.json',
  'nl.json',
  'outline.png',
];
/** Channel commands per language; chats (groupChat, personal) offer only the last, help. */
const COMMANDS = COMMAND_WORDS;
/** A war room lives in a team channel: in chats, only help is offered. */
const commandsFor = (lang: keyof typeof COMMANDS, list: number) =>
  list === 0 ? COMMANDS[lang] : COMMANDS[lang].slice(-1);

describe('command titles', () => {
  // Teams sends the localised title the user clicked: the parser must know every one.
  test.each(Object.entries(COMMANDS))(
    'every %s title is a command the bot understands',
    (_, titles) => {
      for (const title of titles) expect(parseCommand(title).kind).not.toBe('unknown');
    },
  );
});

const temp = useTempDirOffline();

describe.each(['local', 'dev'])('the %s app package', (envName) => {
  let result: BuildResult;
  let zip: JSZip;
  let manifest: JsonObject;
  const text = (name: string) => zip.file(name)?.async('string') ?? Promise.reject(new Error(name));
  const bytes = (name: string) =>
    zip.file(name)?.async('nodebuffer') ?? Promise.reject(new Error(name));

  beforeAll(async () => {
    result = await buildAppPackage({ rootDir: ROOT, envName, outDir: path.join(temp(), envName) });
    expect(result.errors).toEqual([]);
    zip = await JSZip.loadAsync(fs.readFileSync(result.zipPath ?? ''));
    manifest = JSON.parse(await text('manifest.json')) as JsonObject;
  });

  it('writes the zip and manifest.json with exactly the expected files at the root', async () => {
    expect(result.zipPath).toBe(path.join(temp(), envName, `appPackage.${envName}.zip`));
    expect(Object.keys(zip.files).sort()).toEqual(EXPECTED_FILES);
    expect(fs.readFileSync(result.manifestPath ?? '', 'utf8')).toBe(await text('manifest.json'));
  });

  it('pins the schema version and passes the schema offline', async () => {
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect(MANIFEST_VERSION).toBe('1.24');
    expect(manifest.$schema).toBe(MANIFEST_SCHEMA_URL);
    expect(await validateManifestSchema(manifest)).toEqual([]);
  });

  it('fills every placeholder', async () => {
    for (const name of EXPECTED_FILES.filter((f) => f.endsWith('.json'))) {
      expect(await text(name)).not.toContain('${{');
    }
    const env = parseEnvFile(
      fs.readFileSync(path.join(ROOT, 'env', `.env.${envName}`), 'utf8'),
      envName,
    ).vars;
    expect(manifest).toMatchObject({
      id: env.TEAMS_APP_ID,
      // Files sent in a personal chat are status exports to import (docs/decisions/023).
      bots: [{ botId: env.BOT_ID, scopes: ['team', 'groupChat', 'personal'], supportsFiles: true }],
      validDomains: [env.TAB_DOMAIN],
      webApplicationInfo: {
        id: env.AAD_APP_CLIENT_ID,
        resource: `api://${env.TAB_DOMAIN}/${env.AAD_APP_CLIENT_ID}`,
      },
      configurableTabs: [
        {
          configurationUrl: `${env.TAB_ENDPOINT}/tab/?view=config`,
          canUpdateConfiguration: true,
          // A war room lives in a team channel: the dashboard tab is offered there only.
          scopes: ['team'],
          context: ['channelTab'],
        },
      ],
      staticTabs: [{ contentUrl: `${env.TAB_ENDPOINT}/tab/`, scopes: ['personal'] }],
      permissions: ['identity'],
    });
  });

  it('keeps the Teams length limits', () => {
    const m = manifest as {
      name: { short: string };
      description: { short: string };
      bots: { commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
    };
    expect(m.name.short.length).toBeLessThanOrEqual(LIMITS.nameShort);
    expect(m.description.short.length).toBeLessThanOrEqual(LIMITS.descriptionShort);
    const lists = m.bots[0]?.commandLists ?? [];
    expect(lists.map((l) => l.scopes)).toEqual([['team'], ['groupChat'], ['personal']]);
    lists.forEach((list, i) => {
      expect(list.commands.length).toBeLessThanOrEqual(LIMITS.commandsPerList);
      expect(list.commands.map((c) => c.title)).toEqual(commandsFor('en', i));
    });
  });

  it('ships a 192×192 colour icon and a 32×32 white-on-transparent outline', async () => {
    const color = await bytes('color.png');
    const outline = await bytes('outline.png');
    expect(readPngHeader(color)).toMatchObject({ width: 192, height: 192 });
    expect(readPngHeader(outline)).toMatchObject({ width: 32, height: 32 });
    const o = decodePng(outline).rgba;
    const alphas = new Set<number>();
    for (let i = 0; i < o.length; i += 4) {
      if (o[i + 3] !== 0) expect([o[i], o[i + 1], o[i + 2]]).toEqual([255, 255, 255]);
      alphas.add(o[i + 3] ?? 0);
    }
    expect(alphas.has(0) && alphas.has(255)).toBe(true); // a mark, not an empty square
    expect([...decodePng(color).rgba.subarray(0, 4)]).toEqual([...ACCENT.rgb, 255]);
  });

  it.each(['da', 'nl', 'fr'] as const)('has a valid %s localization', async (lang) => {
    expect(manifest.localizationInfo).toMatchObject({ defaultLanguageTag: 'en' });
    expect(
      (manifest.localizationInfo as { additionalLanguages: unknown[] }).additionalLanguages,
    ).toContainEqual({ languageTag: lang, file: `${lang}.json` });
    const loc = JSON.parse(await text(`${lang}.json`)) as Record<string, string>;
    expect(await validateLocalizationSchema(loc, `${lang}.json`)).toEqual([]);
    expect(checkLocalization(manifest, loc, `${lang}.json`)).toEqual([]);
    expect(loc['name.short']?.length).toBeLessThanOrEqual(LIMITS.nameShort);
    expect(loc['description.short']?.length).toBeLessThanOrEqual(LIMITS.descriptionShort);
    for (let list = 0; list < 3; list++) {
      const titles = commandsFor(lang, list).map(
        (_, i) => loc[`bots[0].commandLists[${list}].commands[${i}].title`],
      );
      expect(titles).toEqual(commandsFor(lang, list));
    }
  });
});

describe('environments', () => {
  it('local names the install and serves the tab from this machine', async () => {
    const r = await buildAppPackage({ rootDir: ROOT, envName: 'local', outDir: temp() });
    expect(r.manifest).toMatchObject({
      name: { short: 'War Room (local)' },
      staticTabs: [{ contentUrl: 'http://localhost:3978/tab/' }],
      validDomains: ['localhost:3978'],
    });
  });

  it('dev uses https everywhere', async () => {
    const r = await buildAppPackage({ rootDir: ROOT, envName: 'dev', outDir: temp() });
    const urls = JSON.stringify(r.manifest).match(/"[a-z]+:\/\/[^"]*"/g) ?? [];
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^"(https|api):\/\//);
  });

  it('lets env/.env.<name>.user override the committed file, and ignores process.env', async () => {
    const root = fakeRoot(temp(), {
      '.env.x': localEnv(),
      '.env.x.user': 'APP_NAME_SUFFIX=" (mine)"\n',
    });
    process.env.APP_NAME_SUFFIX = ' (from process.env)';
    try {
      const r = await buildAppPackage({ rootDir: root, envName: 'x' });
      expect(r.errors).toEqual([]);
      expect(r.manifest).toMatchObject({ name: { short: 'War Room (mine)' } });
      expect(r.zipPath).toBe(path.join(root, 'dist', 'appPackage', 'appPackage.x.zip'));
    } finally {
      delete process.env.APP_NAME_SUFFIX;
    }
  });

  it('reports an unknown environment', async () => {
    const r = await buildAppPackage({ rootDir: ROOT, envName: 'nope', outDir: temp() });
    expect(r.errors).toEqual(['env/.env.nope not found']);
    expect(r.zipPath).toBeUndefined();
  });
});

describe('generated files', () => {
  it('the committed icons are what manifest/icons.ts draws', () => {
    for (const [file, image] of [
      ['color.png', colorIcon()],
      ['outline.png', outlineIcon()],
    ] as const) {
      const committed = decodePng(fs.readFileSync(path.join(ROOT, 'manifest', file)));
      expect(committed.width).toBe(image.width);
      expect(Buffer.from(committed.rgba).equals(Buffer.from(image.rgba))).toBe(true);
    }
  });
});
