// Runs jest, then prints the plain closing line "N passed, N failed, N skipped" that CI
// tools read (jest's own summary has another shape). Exits with jest's exit code.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jest-summary-')), 'results.json');
const run = spawnSync(
  process.execPath,
  [require.resolve('jest/bin/jest'), '--json', `--outputFile=${out}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
let summary = 'jest: no results were written';
try {
  const r = JSON.parse(fs.readFileSync(out, 'utf8'));
  const perSuite = r.testResults
    .map((s) => {
      const rel = path.relative(process.cwd(), s.name);
      const passed = s.assertionResults.filter((a) => a.status === 'passed').length;
      return `  ${rel}: ${passed}/${s.assertionResults.length} passed`;
    })
    .sort();
  console.log(`\nPer suite:\n${perSuite.join('\n')}`);
  summary = `${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`;
  if (r.numTotalTests === 0) summary = 'jest: no test was executed';
} catch (e) {
  console.error(`could not read jest results: ${e.message}`);
}
console.log(summary);
process.exit(run.status ?? 1);
