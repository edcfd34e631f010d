/**
 * `npm run content:preview -- content/my-pack.md [more.md…] [--port 3001] [--out preview.html]`
 *
 * Shows every question of the given pack files as the bot would post it (the question with its Reveal button)
 * with its answer thread, rendered by the playground's Block Kit renderer, so authors see formatting problems
 * before they ship. Above them: the file's `content:check` problems; on each question: whether Slack would refuse
 * the message (block limits, `msg_blocks_too_long`). Serves the page (reloading re-reads the files) and prints
 * its address, or with `--out` writes one self-contained HTML file and exits.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadBank } from '../../src/content/bank';
import { runContentCheck } from '../../src/content/cli';
import type { Question } from '../../src/content/types';
import { validateBlocks } from '../local-slack/blocks';
import { QUESTION_LEVELS } from '../../src/model/levels';
import { answerMessage } from '../../src/views/answer-message';
import { questionMessage } from '../../src/views/question-message';
import type { SlackMessage } from '../../src/views/blocks';
import { escapeHtml, renderMessage } from './render';
import { publicDir } from './http';

const USAGE = 'usage: content:preview [--port N] [--out file.html] file.md [more.md…]';
const BOT = 'DevOps Quiz';

/** Slack's verdict on one message: the error it would answer with, or null. */
export function slackVerdict(message: SlackMessage): string | null {
  const v = validateBlocks(message.blocks, { maxBlocks: 50, surface: 'message', maxTotalTextChars: 12_000 });
  if (v.ok) return null;
  return [v.error, ...v.messages].filter(Boolean).join(' ');
}

function messageHtml(message: SlackMessage, verdict: string | null): string {
  const bad = verdict ? `<div class="only-you" style="color:#e01e5a">⛔ Slack would refuse this message: ${escapeHtml(verdict)}</div>` : '';
  return `<div class="msg"><div class="avatar bot" aria-hidden="true">🎓</div><div class="msg-main">${bad}<div class="msg-head"><span class="author">${BOT}</span><span class="app-badge">APP</span></div><div class="msg-body">${renderMessage(message)}</div></div></div>`;
}

/** One question: as posted, then its answer thread. */
export function questionPreviewHtml(q: Question, index: number): string {
  const posted = questionMessage(q, { kind: 'qotd' });
  const answer = answerMessage(q, '1700000000.000100', [0, 0, 0, 0]);
  const postedVerdict = slackVerdict(posted);
  const answerVerdict = slackVerdict(answer);
  const level = QUESTION_LEVELS[q.level];
  const head = [
    `<span>${index + 1}.</span>`,
    `<span>${escapeHtml(`${q.source.file}:${q.source.line}`)}</span>`,
    `<span>${level.emoji} ${escapeHtml(level.label)}</span>`,
    `<span><code>${escapeHtml(q.id)}</code></span>`,
    postedVerdict || answerVerdict ? '<span class="bad">Slack would refuse a message</span>' : '',
  ].join('');
  return `<section class="question" data-question-id="${escapeHtml(q.id)}">
  <div class="question-head">${head}</div>
  ${messageHtml(posted, postedVerdict)}
  <div class="thread-divider">answer thread (after 👀 Reveal answer)</div>
  <div class="in-thread">${messageHtml(answer, answerVerdict)}</div>
</section>`;
}

/**
 * What `npm run content:check -- <files>` prints for these files, run in-process: the same checks (bank quality
 * included) and the same lines, so the preview never disagrees with the command.
 */
export function contentCheckReport(files: readonly string[]): { ok: boolean; problems: string[]; summary: string } {
  let out = '';
  const code = runContentCheck(files, { stdout: (t) => (out += t), stderr: (t) => (out += t) });
  const lines = out.split('\n').filter((l) => l !== '');
  return { ok: code === 0, problems: lines.slice(0, -1), summary: lines[lines.length - 1] ?? '' };
}

/**
 * The whole page for some pack files (re-read on every call). `forFile`: the page is written to a file by `--out`,
 * which a reload does not refresh.
 */
export function previewPage(files: readonly string[], options: { inlineCss?: boolean; forFile?: boolean } = {}): string {
  const bank = loadBank('content', files);
  const check = contentCheckReport(files);
  const command = `npm run content:check -- ${files.join(' ')}`;
  const problems = check.problems.length
    ? `<div class="problems"><b>${escapeHtml(command)}</b> says:<ul>${check.problems.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>${escapeHtml(check.summary)}</div>`
    : `<div class="problems ok"><b>${escapeHtml(command)}</b>: no problems. ${escapeHtml(check.summary)}</div>`;
  const refresh = options.forFile ? 'Run content:preview again after edits: this file does not change by itself.' : 'Reload to see edits.';
  const css = options.inlineCss
    ? `<style>${fs.readFileSync(path.join(publicDir(), 'app.css'), 'utf8')}</style>`
    : '<link rel="stylesheet" href="/playground/app.css">';
  const title = `Preview: ${files.join(', ')}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>${css}</head>
<body><main class="preview">
<h1>${escapeHtml(title)}</h1>
<p>${bank.questions.length} question(s), each as the bot posts it, with the answer it reveals in the thread. ${refresh}</p>
${problems}
${bank.questions.map(questionPreviewHtml).join('\n')}
</main></body></html>`;
}

export interface PreviewArgs {
  files: string[];
  port: number;
  out: string | null;
}

export function parsePreviewArgs(argv: readonly string[]): PreviewArgs | string {
  const args: PreviewArgs = { files: [], port: Number(process.env.PREVIEW_PORT ?? 3001), out: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') args.port = Number(argv[++i]);
    else if (a === '--out') args.out = argv[++i] ?? '';
    else if (a === '-h' || a === '--help') return USAGE;
    else if (a.startsWith('-')) return `content:preview: unknown option ${a}\n${USAGE}`;
    else args.files.push(a);
  }
  if (!args.files.length) return USAGE;
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) return `content:preview: --port must be a port number\n${USAGE}`;
  if (args.out === '') return `content:preview: --out needs a file name\n${USAGE}`;
  for (const f of args.files) if (!fs.existsSync(f)) return `content:preview: no such file: ${f}`;
  return args;
}

/** Serves the preview on 127.0.0.1:`port` (0 = any free port). */
export async function servePreview(files: readonly string[], port: number): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    try {
      if (url === '/playground/app.css') {
        res.writeHead(200, { 'content-type': 'text/css; charset=utf-8' });
        res.end(fs.readFileSync(path.join(publicDir(), 'app.css')));
      } else if (url === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(previewPage(files));
      } else {
        res.writeHead(404).end();
      }
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(String(error instanceof Error ? error.message : error));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/`, server };
}

async function main(): Promise<void> {
  const args = parsePreviewArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(args);
    process.exit(2);
  }
  if (args.out) {
    fs.writeFileSync(args.out, previewPage(args.files, { inlineCss: true, forFile: true }));
    console.log(`Wrote ${args.out}`);
    return;
  }
  let served;
  try {
    served = await servePreview(args.files, args.port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    served = await servePreview(args.files, 0);
    console.log(`Port ${args.port} is already in use, so the preview took a free one; --port N (or PREVIEW_PORT) picks another.`);
  }
  console.log(`Preview of ${args.files.join(', ')}: ${served.url}  (reload after editing; Ctrl+C stops it)`);
}

if (require.main === module) void main();
