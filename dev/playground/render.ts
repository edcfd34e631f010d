/**
 * Block Kit → HTML, for the playground page and the content preview. Pure functions: the server renders every
 * message once per viewer and the page only inserts the result, so this module is the one place (and the one set
 * of unit tests) that decides how a message looks.
 *
 * mrkdwn as Slack reads it: `*bold*`, `_italic_`, `~strike~`, `` `code` ``, ``` blocks,
 * `> quotes`, `<url|text>` links, `<@U…>` mentions shown as @name, `<#C…|name>` channels, `<!here>`; only `&amp;`,
 * `&lt;` and `&gt;` are entities. Bullet and numbered lines (the bot writes `•` and `1.`) get a hanging indent.
 * Emoji characters and `:shortcodes:` are shown as they are.
 */

type Obj = Record<string, unknown>;

export interface RenderContext {
  /** A user's display name for `<@U…>` (undefined: the label in the token, else the id). */
  userName?(id: string): string | undefined;
  /** A channel's name for `<#C…>`. */
  channelName?(id: string): string | undefined;
}

/** A message as stored by Slack: blocks when it has them, else its text as mrkdwn. */
export interface RenderableMessage {
  text?: string;
  blocks?: unknown[];
}

/** Marks content the renderer does not know, so tests can assert that nothing the bot sends hits it. */
export const UNSUPPORTED_CLASS = 'bk-unsupported';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Slack's three entities back to characters (and nothing else: `&quot;` stays as typed). */
export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function attr(name: string, value: string | undefined): string {
  return value === undefined || value === '' ? '' : ` ${name}="${escapeHtml(value)}"`;
}

/** http(s) and mailto only: anything else is not made a link. */
function safeUrl(url: string): string | null {
  return /^(?:https?:\/\/|mailto:)/i.test(url.trim()) ? url.trim() : null;
}

// ---------------------------------------------------------------- mrkdwn

/** mrkdwn text → HTML (block-level: lines, quotes, lists and code blocks become elements). */
export function renderMrkdwn(text: string, ctx: RenderContext = {}): string {
  const out: string[] = [];
  const fence = /```([\s\S]*?)```/g;
  let last = 0;
  let afterFence = false;
  for (const m of text.matchAll(fence)) {
    let before = text.slice(last, m.index);
    if (afterFence) before = before.replace(/^\n/, '');
    out.push(renderLines(before.replace(/\n$/, ''), ctx));
    const code = m[1].replace(/^\n/, '').replace(/\n$/, '');
    out.push(`<pre class="mk-pre">${escapeHtml(decodeEntities(code))}</pre>`);
    last = (m.index ?? 0) + m[0].length;
    afterFence = true;
  }
  let rest = text.slice(last);
  if (afterFence) rest = rest.replace(/^\n/, '');
  out.push(renderLines(rest, ctx));
  return out.join('');
}

const QUOTE = /^(?:>|&gt;) ?/;
const LIST_ITEM = /^(\s*)(•|◦|▪️?|▫️?|\d{1,3}[.)])\s+(.*)$/u;

function renderLines(segment: string, ctx: RenderContext): string {
  if (segment === '') return '';
  const lines = segment.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (QUOTE.test(lines[i])) {
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i])) quoted.push(lines[i++].replace(QUOTE, ''));
      i--;
      out.push(`<blockquote class="mk-quote">${quoted.map((l) => renderLine(l, ctx)).join('')}</blockquote>`);
    } else {
      out.push(renderLine(lines[i], ctx));
    }
  }
  return out.join('');
}

function renderLine(line: string, ctx: RenderContext): string {
  const item = LIST_ITEM.exec(line);
  if (item) {
    const depth = Math.floor(item[1].replace(/\t/g, '    ').length / 4);
    const ordered = /\d/.test(item[2]);
    return `<div class="mk-li${ordered ? ' mk-ol' : ''}" style="--depth:${depth}"><span class="mk-bullet">${escapeHtml(item[2])}</span><span class="mk-item">${renderInline(item[3], ctx)}</span></div>`;
  }
  if (line.trim() === '') return '<div class="mk-ln mk-empty"><br></div>';
  return `<div class="mk-ln">${renderInline(line, ctx)}</div>`;
}

const OPEN = '\uE000';
const CLOSE = '\uE001';

/** One line of mrkdwn → inline HTML. */
export function renderInline(line: string, ctx: RenderContext = {}): string {
  const held: string[] = [];
  const hold = (html: string) => `${OPEN}${held.push(html) - 1}${CLOSE}`;
  let s = line.replace(/`([^`\n]+)`/g, (_m, code: string) => hold(`<code class="mk-code">${escapeHtml(decodeEntities(code))}</code>`));
  s = s.replace(/<([^<>\n]+)>/g, (_m, inner: string) => hold(renderAngle(inner, ctx)));
  s = escapeHtml(decodeEntities(s));
  s = emphasis(s, '*', 'b');
  s = emphasis(s, '_', 'i');
  s = emphasis(s, '~', 's');
  const restore = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g');
  return s.replace(restore, (_m, i: string) => held[Number(i)]);
}

/**
 * Slack's emphasis: the opening marker at the start or after a character that is not a letter, digit or the
 * marker; a non-space right inside both markers; the closing marker not followed by a letter or digit. So
 * `snake_case_name` and `2*3*4` stay as typed, and the zero-width spaces the bot puts around emphasis work.
 */
function emphasis(s: string, marker: string, tag: 'b' | 'i' | 's'): string {
  const m = marker === '*' ? '\\*' : marker;
  const re = new RegExp(`(^|[^\\p{L}\\p{N}${m}])${m}([^\\s${m}](?:[^${m}\\n]*[^\\s${m}])?)${m}(?=$|[^\\p{L}\\p{N}${m}])`, 'gu');
  const open = tag === 'b' ? '<b>' : tag === 'i' ? '<i>' : '<s>';
  const close = tag === 'b' ? '</b>' : tag === 'i' ? '</i>' : '</s>';
  return s.replace(re, (_all, before: string, body: string) => `${before}${open}${body}${close}`);
}

function renderAngle(inner: string, ctx: RenderContext): string {
  const user = /^@([UW][A-Z0-9]+)(?:\|(.*))?$/.exec(inner);
  if (user) {
    const name = ctx.userName?.(user[1]) ?? (user[2] ? decodeEntities(user[2]).replace(/^@/, '') : user[1]);
    return `<span class="mk-mention"${attr('data-user-id', user[1])}>@${escapeHtml(name)}</span>`;
  }
  const channel = /^#([CGD][A-Z0-9]+)(?:\|(.*))?$/.exec(inner);
  if (channel) {
    const name = ctx.channelName?.(channel[1]) ?? (channel[2] ? decodeEntities(channel[2]) : channel[1]);
    return `<span class="mk-channel">#${escapeHtml(name)}</span>`;
  }
  const special = /^!(here|channel|everyone)(?:\|.*)?$/.exec(inner);
  if (special) return `<span class="mk-mention mk-broadcast">@${special[1]}</span>`;
  const labelled = /^!(?:subteam\^[A-Z0-9]+|date\^[^|]*)\|(.*)$/.exec(inner);
  if (labelled) return `<span class="mk-mention">${escapeHtml(decodeEntities(labelled[1]))}</span>`;
  const bar = inner.indexOf('|');
  const rawUrl = decodeEntities(bar >= 0 ? inner.slice(0, bar) : inner);
  const url = safeUrl(rawUrl);
  if (url) {
    const label = bar >= 0 ? decodeEntities(inner.slice(bar + 1)) : rawUrl.replace(/^mailto:/i, '');
    return `<a class="mk-link" href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(label || rawUrl)}</a>`;
  }
  return escapeHtml(`<${decodeEntities(inner)}>`);
}

// ---------------------------------------------------------------- Block Kit

/** A text object: mrkdwn is rendered, plain_text is escaped (emoji shortcodes stay as typed). */
export function renderTextObject(t: unknown, ctx: RenderContext = {}, inline = false): string {
  if (!isObj(t)) return '';
  const text = str(t.text);
  if (t.type === 'mrkdwn') return inline ? renderInline(text.replace(/\n/g, ' '), ctx) : renderMrkdwn(text, ctx);
  return escapeHtml(text).replace(/\n/g, '<br>');
}

function unsupported(kind: string, type: unknown): string {
  return `<span class="${UNSUPPORTED_CLASS}">[${escapeHtml(kind)} ${escapeHtml(String(type ?? '?'))} is not shown here]</span>`;
}

/** An interactive or image element (button, image; anything else is marked unsupported). */
export function renderElement(e: unknown, blockId: string | undefined, ctx: RenderContext = {}): string {
  if (!isObj(e)) return '';
  if (e.type === 'button') {
    const style = e.style === 'primary' || e.style === 'danger' ? ` bk-btn-${e.style}` : '';
    const label = renderTextObject(e.text, ctx, true);
    const url = typeof e.url === 'string' ? safeUrl(e.url) : null;
    const common = `class="bk-btn${style}"${attr('data-action-id', str(e.action_id))}${attr('data-block-id', blockId)}${attr('data-value', str(e.value))}${attr('aria-label', str(e.accessibility_label))}`;
    if (url) return `<a ${common} href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${label}</a>`;
    return `<button type="button" ${common}>${label}</button>`;
  }
  if (e.type === 'image') {
    const url = safeUrl(str(e.image_url));
    return url ? `<img class="bk-img-el" src="${escapeHtml(url)}" alt="${escapeHtml(str(e.alt_text))}">` : '';
  }
  if (e.type === 'mrkdwn' || e.type === 'plain_text') return `<span class="bk-text-el">${renderTextObject(e, ctx)}</span>`;
  return unsupported('element', e.type);
}

function renderBlock(b: unknown, ctx: RenderContext): string {
  if (!isObj(b)) return '';
  const blockId = typeof b.block_id === 'string' ? b.block_id : undefined;
  const open = (type: string) => `<div class="bk bk-${type}"${attr('data-block-id', blockId)}>`;
  switch (b.type) {
    case 'header':
      return `${open('header')}${renderTextObject(b.text, ctx)}</div>`;
    case 'divider':
      return `${open('divider')}<hr></div>`;
    case 'section': {
      const parts: string[] = [];
      if (b.text !== undefined) parts.push(`<div class="bk-section-text">${renderTextObject(b.text, ctx)}</div>`);
      if (Array.isArray(b.fields) && b.fields.length) {
        parts.push(`<div class="bk-fields">${b.fields.map((f) => `<div class="bk-field">${renderTextObject(f, ctx)}</div>`).join('')}</div>`);
      }
      const main = `<div class="bk-section-main">${parts.join('')}</div>`;
      const accessory = b.accessory !== undefined ? `<div class="bk-accessory">${renderElement(b.accessory, blockId, ctx)}</div>` : '';
      return `${open('section')}${main}${accessory}</div>`;
    }
    case 'context': {
      const elements = Array.isArray(b.elements) ? b.elements : [];
      return `${open('context')}${elements
        .map((e) => (isObj(e) && e.type === 'image' ? renderElement(e, blockId, ctx) : isObj(e) && (e.type === 'mrkdwn' || e.type === 'plain_text') ? `<span class="bk-context-el">${renderTextObject(e, ctx, true)}</span>` : renderElement(e, blockId, ctx)))
        .join('')}</div>`;
    }
    case 'actions': {
      const elements = Array.isArray(b.elements) ? b.elements : [];
      return `${open('actions')}${elements.map((e) => renderElement(e, blockId, ctx)).join('')}</div>`;
    }
    case 'image': {
      const url = safeUrl(str(b.image_url));
      const title = b.title !== undefined ? `<figcaption>${renderTextObject(b.title, ctx)}</figcaption>` : '';
      return `${open('image')}<figure>${title}${url ? `<img src="${escapeHtml(url)}" alt="${escapeHtml(str(b.alt_text))}">` : ''}</figure></div>`;
    }
    default:
      return `${open('unknown')}${unsupported('block', b.type)}</div>`;
  }
}

/** A list of blocks → HTML. */
export function renderBlocks(blocks: readonly unknown[], ctx: RenderContext = {}): string {
  return blocks.map((b) => renderBlock(b, ctx)).join('');
}

/** A message's visible body: its blocks, or its text as mrkdwn when it has none. */
export function renderMessage(message: RenderableMessage, ctx: RenderContext = {}): string {
  if (Array.isArray(message.blocks) && message.blocks.length > 0) return `<div class="bk-blocks">${renderBlocks(message.blocks, ctx)}</div>`;
  return `<div class="bk-blocks bk-text-only">${renderMrkdwn(message.text ?? '', ctx)}</div>`;
}
