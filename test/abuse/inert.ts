/**
 * Checks that Slack mrkdwn shows text as text: nothing in it can mention (`<!channel>`, `<@U…>`,
 * `<!subteam^…>`), link to a channel (`<#C…>`) or form any other `<…>` control sequence, except the
 * http(s)/mailto links our converter builds and the user mentions a view builds on purpose.
 */
import type { SlackMessage } from '../../src/views/blocks';

/** A link we build: `<https://…>` or `<https://…|label>`, URL without `<>|` or spaces, label without `<>`. */
const OUR_LINK = /^<(?:https?:\/\/|mailto:)[^<>|\s]*(?:\|[^<>]*)?>/i;

export interface InertOptions {
  /** User ids the view was given to mention (`<@U…>` for them is expected). */
  allowUsers?: Iterable<string>;
}

export function expectInertMrkdwn(text: string, opts: InertOptions = {}): void {
  let out = text;
  for (const user of opts.allowUsers ?? []) out = out.split(`<@${user}>`).join('@user');
  const fail = (what: string, at: number) => {
    throw new Error(`${what} at ${at}: ${JSON.stringify(out.slice(Math.max(0, at - 30), at + 40))}`);
  };
  const live = /<[!@#]/.exec(out);
  if (live) fail('live mention or channel link', live.index);
  const amp = /&(?!amp;|lt;|gt;)/.exec(out);
  if (amp) fail('unescaped &', amp.index);
  let i = 0;
  const closers = new Set<number>();
  while ((i = out.indexOf('<', i)) >= 0) {
    const link = OUR_LINK.exec(out.slice(i));
    if (!link) fail('stray <', i);
    closers.add(i + link![0].length - 1);
    i += link![0].length;
  }
  const lineStarts = new Set<number>([0]);
  for (let j = 0; j < out.length; j++) if (out[j] === '\n') lineStarts.add(j + 1);
  for (let j = out.indexOf('>'); j >= 0; j = out.indexOf('>', j + 1)) {
    if (closers.has(j)) continue;
    // Quote markers: "> ", "> > " … at the start of a line (nested quotes), or a lone ">" line.
    let k = j;
    while (k > 0 && !lineStarts.has(k) && (out[k - 1] === ' ' || out[k - 1] === '>')) k--;
    if (!lineStarts.has(k)) fail('stray >', j);
  }
}

/** Every mrkdwn text in the blocks, and the `text` fallback (also mrkdwn: notifications, screen readers). */
export function mrkdwnTexts(message: SlackMessage): string[] {
  const texts = [message.text];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') texts.push(o.text);
    for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
  };
  walk(message.blocks);
  return texts;
}

export function expectInertMessage(message: SlackMessage, opts: InertOptions = {}): void {
  for (const t of mrkdwnTexts(message)) expectInertMrkdwn(t, opts);
}
