// Prints vitest's JSON report as CI's closing line: "N passed, N failed" (skipped and todo tests count as neither).
import { readFileSync } from 'node:fs';

const file = process.argv[2];
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.log(`no vitest report at ${file}: ${error.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
let passed = 0;
let failed = 0;
let skipped = 0;
for (const suite of report.testResults ?? []) {
  // A file that failed to load or whose setup failed (its tests then show as skipped) is one failure.
  if (suite.status === 'failed' && !(suite.assertionResults ?? []).some((test) => test.status === 'failed')) failed++;
  for (const test of suite.assertionResults ?? []) {
    if (test.status === 'passed') passed++;
    else if (test.status === 'failed') failed++;
    else skipped++;
  }
}
if (skipped) console.log(`(${skipped} skipped or todo, not counted as passing)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || passed === 0 ? 1 : 0);
