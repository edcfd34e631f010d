/**
 * `.ci/run`, run for real with the programs it calls replaced by recorders (npm, apt-get, dpkg-query): it installs
 * Chromium and the emoji font only when they are missing, and runs the tests with CI=true, so a check that needs
 * them fails instead of skipping.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Runs .ci/run with stubs on PATH; `have` says which of Chromium and the emoji font the machine has. */
function ciRun(have: { chromium: boolean; emojiFont: boolean }, env: Record<string, string> = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devops-quiz-ci-run-'));
  dirs.push(dir);
  const log = path.join(dir, 'calls.log');
  const stub = (name: string, body: string) => fs.writeFileSync(path.join(dir, name), `#!/usr/bin/env bash\n${body}\n`, { mode: 0o755 });
  stub('npm', `echo "npm $* CI=\${CI:-}" >> ${log}`);
  stub('apt-get', `echo "apt-get $*" >> ${log}`);
  stub('dpkg-query', have.emojiFont ? "printf 'install ok installed'" : 'exit 1');
  const chromium = path.join(dir, 'chromium');
  if (have.chromium) stub('chromium', 'exit 0');
  const result = spawnSync('bash', [path.join(ROOT, '.ci/run')], {
    env: { PATH: `${dir}:${process.env.PATH}`, HOME: dir, REDIS_URL: 'redis://127.0.0.1:6379', CHROMIUM_PATH: chromium, ...env },
    encoding: 'utf8',
  });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
  return { status: result.status, output: result.stdout + result.stderr, calls, installs: calls.filter((c) => c.startsWith('apt-get install')) };
}

test('installs only what is missing, with apt-get', () => {
  expect(ciRun({ chromium: false, emojiFont: false }).installs).toEqual(['apt-get install -y -qq chromium fonts-noto-color-emoji']);
  expect(ciRun({ chromium: true, emojiFont: false }).installs).toEqual(['apt-get install -y -qq fonts-noto-color-emoji']);
  expect(ciRun({ chromium: false, emojiFont: true }).installs).toEqual(['apt-get install -y -qq chromium']);
  const both = ciRun({ chromium: true, emojiFont: true });
  expect(both.calls.filter((c) => c.startsWith('apt-get'))).toEqual([]);
  expect(both.status).toBe(0);
});

test('runs npm ci, then npm test with CI=true (a missing requirement then fails instead of skipping)', () => {
  const run = ciRun({ chromium: true, emojiFont: true });
  expect(run.calls).toEqual(['npm ci --no-audit --no-fund CI=', 'npm test CI=true']);
  expect(ciRun({ chromium: true, emojiFont: true }, { CI: '1' }).calls).toContain('npm test CI=1');
});
