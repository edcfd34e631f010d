import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');

/** Windows-1252 bytes 0x80–0x9F; the undefined ones (0x81, 0x8D, 0x8F, 0x90, 0x9D) become C1 controls, as most decoders do. */
const CP1252_80_9F =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * Turn correct text into mojibake the way an editor does: encode as UTF-8, decode the bytes as Windows-1252.
 * With `nbspAsSpace`, every resulting no-break space becomes a plain space, as copy-paste often does.
 * (Node 20's TextDecoder('windows-1252') decodes 0x80–0x9F as Latin-1, so the table is spelled out here.)
 */
export function toMojibake(text: string, options: { nbspAsSpace?: boolean } = {}): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    out += byte >= 0x80 && byte <= 0x9f ? CP1252_80_9F[byte - 0x80] : String.fromCharCode(byte);
  }
  return options.nbspAsSpace ? out.replace(/\u00A0/g, ' ') : out;
}

/** A fresh temporary folder; removed by {@link removeTempDirs}. */
const created: string[] = [];
export function makeTempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devops-quiz-content-'));
  created.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Join lines with "\n" (fixtures are written as arrays so indentation stays visible). */
export const lines = (...l: string[]): string => l.join('\n');
