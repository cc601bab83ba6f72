import fs from 'node:fs';
import path from 'node:path';
import { buildAppPackage } from '../../manifest/build';
import { checkIcons, checkLimits, checkLocalization } from '../../manifest/checks';
import { parseEnvFile } from '../../manifest/envFile';
import { colorIcon, outlineIcon } from '../../manifest/icons';
import type { JsonObject } from '../../manifest/json';
import { encodePng } from '../../manifest/png';
import { validateLocalizationSchema, validateManifestSchema } from '../../manifest/schema';
import { fakeRoot, localEnv, ROOT, useTempDirOffline } from './support';

// @microsoft/app-manifest requires strip-bom 5, which is ESM-only: Node 20.19+ loads it, jest's
// CommonJS runtime does not. Only the library's file readers use it, never schema validation.
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: (text: string) => text.replace(/^\uFEFF/, ''),
}));

const temp = useTempDirOffline();

describe('problems are reported, and nothing is written', () => {
  it('names a variable that is not set, even if process.env has it', async () => {
    const root = fakeRoot(temp(), { '.env.broken': localEnv().replace(/^BOT_ID=.*$/m, '') });
    process.env.BOT_ID = '67529c8b-3361-4cf7-b3b6-b19b0222c9a8';
    try {
      const r = await buildAppPackage({ rootDir: root, envName: 'broken' });
      expect(r.errors).toEqual([
        'manifest.template.json: variable BOT_ID is not set (used at /bots/0/botId)',
      ]);
      expect(r.zipPath).toBeUndefined();
      expect(fs.existsSync(path.join(root, 'dist'))).toBe(false);
    } finally {
      delete process.env.BOT_ID;
    }
  });

  it('reports a short name over 30 characters', async () => {
    const root = fakeRoot(temp(), {
      '.env.long': `${localEnv()}\nAPP_NAME_SUFFIX=" (local test build, Copenhagen)"\n`,
    });
    const r = await buildAppPackage({ rootDir: root, envName: 'long' });
    expect(r.errors).toEqual(
      expect.arrayContaining([
        'manifest.json: name.short is 39 characters, the limit is 30: "War Room (local test build, Copenhagen)"',
        expect.stringMatching(/^da\.json: name\.short is 39 characters/),
      ]),
    );
    expect(r.zipPath).toBeUndefined();
  });

  it('reports more than 12 commands in a command list', () => {
    const commands = Array.from({ length: 13 }, (_, i) => ({ title: `c${i}`, description: 'd' }));
    expect(checkLimits({ bots: [{ commandLists: [{ scopes: ['team'], commands }] }] })).toEqual([
      'manifest.json: bots[0].commandLists[0] has 13 commands, the limit is 12',
    ]);
  });

  it('rejects a tab URL outside validDomains and plain http off this machine', async () => {
    const root = fakeRoot(temp(), {
      '.env.web': `${localEnv()}\nTAB_ENDPOINT=http://warroom.example.org\n`,
    });
    const r = await buildAppPackage({ rootDir: root, envName: 'web' });
    expect(r.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /staticTabs\[0\]\.contentUrl host warroom\.example\.org is not in validDomains/,
        ),
        expect.stringMatching(/configurableTabs\[0\]\.configurationUrl must use https/),
      ]),
    );
  });

  it('rejects a manifest without an id, or of another version', async () => {
    const good = (await buildAppPackage({ rootDir: ROOT, envName: 'local', outDir: temp() }))
      .manifest;
    const withoutId = { ...good };
    delete withoutId.id;
    const errors = await validateManifestSchema(withoutId);
    expect(errors).toEqual([expect.stringContaining("must have required property 'id'")]);
    const older = await validateManifestSchema({ ...good, manifestVersion: '1.23' });
    expect(older[0]).toBe('manifest.json: manifestVersion must be 1.24, found "1.23"');
  });

  it('rejects localization files the schema or the manifest does not allow', async () => {
    const file = path.join(ROOT, 'manifest', 'da.json');
    const loc = JSON.parse(fs.readFileSync(file, 'utf8')) as JsonObject;
    expect(
      await validateLocalizationSchema({ ...loc, 'name.short': 'x'.repeat(31) }, 'da.json'),
    ).toEqual([
      expect.stringMatching(/^da\.json: schema: \/name\.short must NOT have more than 30/),
    ]);
    expect(
      await validateLocalizationSchema({ ...loc, 'bots[0].nonsense': 'x' }, 'da.json'),
    ).not.toEqual([]);
    const manifest = (await buildAppPackage({ rootDir: ROOT, envName: 'local', outDir: temp() }))
      .manifest as JsonObject;
    const partial = { ...loc };
    delete partial['bots[0].commandLists[2].commands[0].title'];
    expect(
      checkLocalization(
        manifest,
        { ...partial, 'bots[0].commandLists[3].commands[0].title': 'x' },
        'da.json',
      ),
    ).toEqual([
      'da.json: "bots[0].commandLists[3].commands[0].title" does not match any string in the manifest',
      'da.json: "bots[0].commandLists[2].commands[0].title" is not translated',
    ]);
  });

  it('rejects icons of the wrong size or an outline that is not white', () => {
    const color = { name: 'color.png', data: encodePng(colorIcon()) };
    const outline = { name: 'outline.png', data: encodePng(outlineIcon()) };
    expect(checkIcons(color, outline)).toEqual([]);
    expect(
      checkIcons({ ...outline, name: 'color.png' }, { ...color, name: 'outline.png' }),
    ).toEqual(['color.png: is 32×32, must be 192×192', 'outline.png: is 192×192, must be 32×32']);
    const red = new Uint8Array(32 * 32 * 4).fill(255);
    red.set([255, 0, 0, 255], 0);
    expect(
      checkIcons(color, {
        name: 'outline.png',
        data: encodePng({ width: 32, height: 32, rgba: red }),
      }),
    ).toEqual(['outline.png: 1 pixels are neither white nor transparent']);
  });
});

describe('env files', () => {
  it('parses env files the way sh would read them', () => {
    const parsed = parseEnvFile(
      [
        '# comment',
        '',
        'A=plain',
        'export B="with spaces"',
        "C='single'",
        'D=value # trailing comment',
        'E=',
        'not a line',
        'F="unterminated',
      ].join('\n'),
      'env/.env.t',
    );
    expect(parsed.vars).toEqual({ A: 'plain', B: 'with spaces', C: 'single', D: 'value', E: '' });
    expect(parsed.errors).toEqual([
      'env/.env.t:8: expected KEY=value, got "not a line"',
      'env/.env.t:9: unterminated quote in F',
    ]);
  });
});
