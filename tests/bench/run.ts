/**
 * `npm run bench`: the side-by-side benchmark (issue 11). Starts what it measures on
 * loopback, runs a fixed amount of work per section, prints a table per section and ends
 * with one JSON line of every figure. Asserts nothing: targets are read by people.
 *
 *   npm run bench                              # every section, SQLite and PostgreSQL
 *   npm run bench -- --only import,api         # some sections (bot, import, api, live, tab, tabRender)
 *   npm run bench -- --engines sqlite          # SQLite only (no throwaway cluster)
 */
import os from 'node:os';
import { apiSection } from './sections/api';
import { botSection } from './sections/bot';
import { importSection } from './sections/import';
import { liveSection } from './sections/live';
import { tabSection } from './sections/tab';
import { tabRenderSection } from './sections/tabRender';
import { Engines, type Engine } from './lib/engines';
import { mb, table, type Row } from './lib/report';

const SECTIONS: Record<string, (engines: Engines) => Promise<Row[]>> = {
  bot: botSection,
  import: importSection,
  api: apiSection,
  live: liveSection,
  tab: tabSection,
  tabRender: tabRenderSection,
};

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

async function main() {
  const only = flag('only')?.split(',') ?? Object.keys(SECTIONS);
  const unknown = only.filter((s) => !(s in SECTIONS));
  if (unknown.length > 0) throw new Error(`unknown section(s): ${unknown.join(', ')}`);
  const engineList = (flag('engines')?.split(',') ?? ['sqlite', 'postgres']) as Engine[];
  const engines = new Engines(engineList);
  const machine = `${os.cpus().length} cores, Node ${process.version}, ${os.platform()}`;
  console.log(`War Room benchmark — ${machine}; sections: ${only.join(', ')}`);
  const rows: Row[] = [];
  try {
    for (const name of only) {
      const section = SECTIONS[name];
      if (!section) continue;
      const start = performance.now();
      rows.push(...(await section(engines)));
      console.log(`  ${name} done in ${((performance.now() - start) / 1000).toFixed(0)} s`);
    }
  } finally {
    await engines.stop();
  }
  rows.push({
    section: 'memory',
    case: 'bench process RSS at the end (in-process servers)',
    engine: '-',
    figures: { 'rss MB': mb(process.memoryUsage.rss()) },
  });
  console.log(table(rows));
  console.log(JSON.stringify({ machine, at: new Date().toISOString(), rows }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
