/**
 * `npm run content:preview` as an author runs it, next to `npm run content:check` on the same file: the preview
 * lists exactly the lines content:check prints, and the static `--out` page does not promise that a reload shows
 * edits.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { escapeHtml } from '../../dev/playground/render';

const ROOT = path.resolve(__dirname, '../..');
const PACK = path.join(ROOT, 'test/fixtures/packs/mini.md');
jest.setTimeout(60_000);

/** Runs a TypeScript entry point of the project as its npm script does (ts-node, transpile only). */
function run(script: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, script), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-preview-cli-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the --out page shows what content:check prints for the same file, line for line, and says how to refresh it', () => {
  const check = run('src/content/cli.ts', [PACK]);
  const lines = check.stdout.split('\n').filter(Boolean);
  const problems = lines.slice(0, -1);
  // The fixture is a small pack: content:check warns about it (the point of this test is that the preview does too).
  expect(problems.some((l) => l.includes('warning: '))).toBe(true);

  const out = path.join(dir, 'preview.html');
  const preview = run('dev/playground/preview.ts', [PACK, '--out', out]);
  expect(preview.status).toBe(0);
  expect(preview.stdout).toContain(`Wrote ${out}`);
  const html = fs.readFileSync(out, 'utf8');
  const listed = [...html.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]);
  expect(listed).toEqual(problems.map(escapeHtml));
  expect(html).toContain(escapeHtml(lines[lines.length - 1])); // content:check's summary line
  expect(html).not.toMatch(/0 warning\(s\)|no problems/);
  expect(html).not.toContain('Reload to see edits');
  expect(html).toContain('Run content:preview again after edits');
});
