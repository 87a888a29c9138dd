// `npm test`: every test Linli has, in order — types, unit and API tests on the embedded
// database, the same API tests on PostgreSQL when TEST_DATABASE_URL is set, then the browser
// tests against the built console. Ends with one line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-test-'));
let passed = 0;
let failed = 0;
let problems = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

// LINLI_SKIP_SLOW=1: a developer's quicker pass that leaves out the files tagged
// `// @module-tag slow` (README, Tests). CI never sets it.
const skipSlow = process.env.LINLI_SKIP_SLOW === '1';

function vitest(label, project, env = {}) {
  const out = path.join(outDir, `${label.replace(/\W+/g, '-')}.json`);
  const filter = skipSlow && project === 'server' ? ['--tags-filter=!slow'] : [];
  const status = run(label, 'npx', ['vitest', 'run', '--project', project, ...filter, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    // A file that failed to load has no failed test but did fail.
    const broken = r.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'));
    failed += broken.length;
    if (r.numTotalTests === 0) problems.push(`${label}: no tests ran`);
  } else if (status !== 0) {
    failed += 1;
    problems.push(`${label}: vitest did not finish`);
  }
  if (status !== 0) problems.push(`${label}: exit ${status}`);
}

if (run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']) !== 0) {
  failed += 1;
  problems.push('typecheck failed');
} else passed += 1;

vitest('unit + API tests on PGlite', 'server', { TEST_DATABASE_URL: '' });
if (process.env.TEST_DATABASE_URL) {
  vitest('API tests on PostgreSQL', 'server', { TEST_DATABASE_URL: process.env.TEST_DATABASE_URL });
} else {
  console.log('\n(TEST_DATABASE_URL not set: PostgreSQL run skipped; CI sets it)');
}

if (process.env.LINLI_SKIP_E2E === '1') {
  console.log('\n(LINLI_SKIP_E2E=1: browser tests skipped)');
} else {
  if (run('build console', 'npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']) !== 0) {
    failed += 1;
    problems.push('console build failed');
  }
  vitest('browser tests (Chromium)', 'e2e');
}

fs.rmSync(outDir, { recursive: true, force: true });
if (problems.length) console.log(`\nProblems:\n- ${problems.join('\n- ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed || problems.length ? 1 : 0);
