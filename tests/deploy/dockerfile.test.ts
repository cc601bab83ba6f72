import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DockerfileParser, type Copy, type Instruction } from 'dockerfile-ast';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/**
 * This machine has no Docker daemon, so the Dockerfile is checked statically: what a build
 * would trip over (a missing source, a folder the TypeScript build needs but the image
 * lacks) and what a deployment relies on (Node 20, a non-root user, the health probe on the
 * port the server listens on, the same entry point as `npm start`).
 */
describe('the Dockerfile', () => {
  const dockerfile = DockerfileParser.parse(read('Dockerfile'));
  const instructions = dockerfile.getInstructions();
  const args = (i: Instruction) => i.getArguments().map((a) => a.getValue());
  const stages = dockerfile.getFROMs().map((from) => ({
    image: from.getImage() ?? '',
    name: from.getBuildStage(),
    start: from.getRange().start.line,
  }));
  const stageOf = (i: Instruction) =>
    stages.filter((s) => s.start <= i.getRange().start.line).at(-1)?.name;
  const inStage = (name: string, keyword: string) =>
    instructions.filter((i) => stageOf(i) === name && i.getKeyword() === keyword);
  const first = (name: string, keyword: string): Instruction => {
    const found = inStage(name, keyword)[0];
    if (!found) throw new Error(`no ${keyword} in the ${name} stage`);
    return found;
  };
  const ignored = read('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('builds and runs on Node 20 in two stages, the last one named runtime', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    for (const stage of stages) expect(stage.image).toMatch(/^node:20-/);
  });

  it('copies only sources that exist and are not excluded by .dockerignore', () => {
    const copies = [
      ...inStage('build', 'COPY'),
      ...inStage('runtime', 'COPY').filter((c) => !(c as Copy).getFromFlag()),
    ];
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      for (const source of args(copy).slice(0, -1)) {
        expect({ source, exists: existsSync(path.join(ROOT, source)) }).toEqual({
          source,
          exists: true,
        });
        expect(ignored).not.toContain(source);
      }
    }
  });

  it('gives the build every folder the server build compiles and the tab build reads', () => {
    const copied = new Set(
      inStage('build', 'COPY').flatMap((c) =>
        args(c)
          .slice(0, -1)
          .map((s) => s.split('/')[0]),
      ),
    );
    const include = (JSON.parse(read('tsconfig.build.json')) as { include: string[] }).include;
    for (const folder of [...include.map((f) => f.split('/')[0]), 'tab']) {
      expect({ folder, copied: copied.has(folder) }).toEqual({ folder, copied: true });
    }
    expect(copied).toContain('package-lock.json');
    expect(args(inStage('build', 'RUN').find((r) => args(r).includes('ci'))!)).toContain('npm');
  });

  it('runs as a non-root user what `npm start` runs, on the port its health probe calls', () => {
    const runtime = (keyword: string) => first('runtime', keyword);
    expect(args(runtime('USER'))).toEqual(['node']);
    const env = Object.fromEntries(args(runtime('ENV')).map((kv) => kv.split('=')));
    const exposed = args(runtime('EXPOSE'));
    expect(exposed).toEqual([env.PORT]);
    expect(env.HOST).toBe('0.0.0.0');
    const probe = runtime('HEALTHCHECK').getTextContent();
    expect(probe).toContain(`http://127.0.0.1:${env.PORT}/healthz`);
    const cmd = JSON.parse(
      runtime('CMD')
        .getTextContent()
        .replace(/^CMD\s+/, ''),
    ) as string[];
    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts
      .start;
    expect(cmd.join(' ')).toBe(start);
  });

  it('ships the privacy and terms pages the app package links to', () => {
    const copied = inStage('runtime', 'COPY').flatMap((c) => args(c).slice(0, -1));
    expect(copied).toEqual(expect.arrayContaining(['PRIVACY.md', 'TERMS.md']));
  });

  it('sets only variables the server reads', () => {
    const config = read('bot/config.ts');
    const env = args(first('runtime', 'ENV')).map((kv) => kv.split('=')[0] ?? '');
    for (const name of env.filter((n) => n !== 'NODE_ENV')) {
      expect({ name, read: config.includes(name) }).toEqual({ name, read: true });
    }
  });
});
