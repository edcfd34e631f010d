/**
 * What a fresh clone gets: no tracked file is also matched by .gitignore (such a file looks ignored to anyone
 * editing it, and a re-created copy would silently stay out of the repository).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { testWhen } from '../support/requirement';

const ROOT = path.resolve(__dirname, '../..');
const inGit = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() === 'true';

testWhen({ ok: inGit, missing: 'the .gitignore check: the project is not a git checkout (or git is missing)', enable: 'run the tests in a git clone' })(
  '.gitignore matches no tracked file',
  () => {
    const ignoredButTracked = spawnSync('git', ['ls-files', '--cached', '--ignored', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
    expect(ignoredButTracked.status).toBe(0);
    expect(ignoredButTracked.stdout.split('\n').filter(Boolean)).toEqual([]);
  },
);
