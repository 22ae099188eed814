// `npm test`: the whole suite. Unit tests, every server test on embedded PGlite and on a real
// PostgreSQL server the suite starts itself (or DATABASE_URL), and browser journeys in Chromium.
// A suite whose tools are missing is skipped with a plain note of what to install — except under
// CI=true (or RDPLAN_REQUIRE_ALL=1), where a skipped suite fails the run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureInstalled, ensureWebBuilt, root } from './ensure-install.mjs';
import { ensureNode } from './ensure-node.mjs';

await ensureNode();

ensureInstalled();

// RDPLAN_PG_ROOT and RDPLAN_CHROMIUM_CANDIDATES override where tools are looked for (the test of this
// script uses them to play a machine that lacks both).
function hasPostgres() {
  if (process.env.DATABASE_URL) return true;
  if (process.env.PG_BIN && fs.existsSync(path.join(process.env.PG_BIN, 'initdb'))) return true;
  const base = process.env.RDPLAN_PG_ROOT ?? '/usr/lib/postgresql';
  if (fs.existsSync(base) && fs.readdirSync(base).some((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))) return true;
  if (process.env.RDPLAN_PG_ROOT) return false;
  try {
    execFileSync('which', ['initdb'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
function chromiumPath() {
  const candidates = process.env.RDPLAN_CHROMIUM_CANDIDATES?.split(':') ?? [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  for (const p of candidates) {
    if (p && fs.existsSync(p)) return p;
  }
  return null;
}

const projects = ['domain', 'server-pglite'];
const skipped = [];
if (hasPostgres()) projects.push('server-postgres');
else skipped.push('server-postgres: PostgreSQL server binaries not found — `apt-get install postgresql` (or set PG_BIN or DATABASE_URL)');
const chromium = chromiumPath();
if (chromium) {
  projects.push('e2e');
  ensureWebBuilt();
} else skipped.push('e2e (browser journeys): Chromium not found — `apt-get install chromium fonts-noto-cjk` (or set CHROMIUM_PATH)');

const requireAll = process.env.CI === 'true' || process.env.RDPLAN_REQUIRE_ALL === '1';
for (const s of skipped) console.log(`» SKIPPED ${s}`);
if (skipped.length && requireAll) {
  console.error('» CI requires every suite; install what is missing (.ci/run does).');
  process.exit(1);
}

const report = process.env.RDPLAN_TEST_REPORT ?? path.join(root, 'test-results', 'vitest.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
const args = [
  'vitest',
  'run',
  ...projects.flatMap((p) => ['--project', p]),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
// The run gets a temp folder of its own, so that whatever a test leaves behind is seen (and removed).
const runTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rdplan-run-'));
// Open to other users as /tmp is: run as root, the suite's PostgreSQL server runs as nobody below it.
fs.chmodSync(runTmp, 0o755);
const env = { ...process.env, TMPDIR: runTmp, ...(chromium ? { CHROMIUM_PATH: chromium } : {}) };
let status = 0;
try {
  execFileSync('npx', args, { cwd: root, stdio: 'inherit', env });
} catch (e) {
  status = e.status ?? 1;
}
// Node's compile cache and tsx's are caches, not leftovers.
const leftovers = fs.readdirSync(runTmp).filter((f) => f !== 'node-compile-cache' && !/^tsx-\d+$/.test(f));
fs.rmSync(runTmp, { recursive: true, force: true, maxRetries: 5 });
if (leftovers.length > 0) {
  console.error(`» the tests left ${leftovers.length} item(s) in the temp folder: ${leftovers.slice(0, 20).join(', ')}`);
  if (requireAll && status === 0) status = 1;
} else {
  console.log('» the tests left nothing in the temp folder');
}
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  const skippedTests = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(
    `\nsuites run: ${projects.join(', ')}${skipped.length ? `; skipped: ${skipped.map((s) => s.split(':')[0]).join(', ')}` : ''}`,
  );
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skippedTests} skipped`);
}
process.exit(status);
