/**
 * Block Kit validation for the local Slack stand-in.
 *
 * Applies the limits Slack enforces on message payloads (block counts, text lengths, unique ids, the total text of a
 * message), so that code which would be rejected by Slack is rejected locally too. Lengths are counted in Unicode
 * code points.
 */

export type SlackErrorCode = 'invalid_blocks' | 'invalid_blocks_format' | 'msg_blocks_too_long';

export interface BlockValidationResult {
  ok: boolean;
  /** The Slack error code when `ok` is false. */
  error?: SlackErrorCode;
  /** Slack-style messages, e.g. `[ERROR] must be less than 51 items [json-pointer:/blocks]`. */
  messages: string[];
  /** Blocks with a `block_id` added where missing (Slack does this for stored messages). */
  blocks?: Record<string, unknown>[];
}

export interface BlockValidationOptions {
  /** 50 for messages, 100 for modals and Home tabs. */
  maxBlocks: number;
  surface: BlockSurface;
  /** Total characters of text across all blocks above which `msg_blocks_too_long` is returned (messages only). */
  maxTotalTextChars?: number;
  /** Used to mint block ids; must return a fresh id on every call. */
  mintBlockId?: () => string;
}

type Obj = Record<string, unknown>;

/** Where blocks are shown: a message, a modal, or an App Home tab (views.publish). */
export type BlockSurface = 'message' | 'modal' | 'home';

const BLOCK_TYPES = new Set([
  'section',
  'header',
  'divider',
  'context',
  'actions',
  'image',
  'input',
  'rich_text',
  'markdown',
  'video',
  'file',
  'table',
  'context_actions',
]);

const INTERACTIVE_ELEMENTS = new Set([
  'button',
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
  'overflow',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'checkboxes',
  'radio_buttons',
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
  'rich_text_input',
  'file_input',
  'workflow_button',
  'image',
]);

export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Checker {
  readonly messages: string[] = [];
  totalText = 0;
  markdownChars = 0;
  tooLong = false;

  fail(msg: string, pointer: string): void {
    this.messages.push(`[ERROR] ${msg} [json-pointer:${pointer}]`);
  }

  maxLen(value: unknown, max: number, pointer: string): void {
    if (typeof value === 'string' && codePointLength(value) > max) {
      this.fail(`must be less than ${max + 1} characters`, pointer);
    }
  }

  /** A text composition object. `plainOnly` forces plain_text. */
  text(t: unknown, pointer: string, max: number, opts: { plainOnly?: boolean; required?: boolean } = {}): void {
    if (t === undefined || t === null) {
      if (opts.required !== false) this.fail('must provide an object', pointer);
      return;
    }
    if (!isObj(t)) {
      this.fail('must provide an object', pointer);
      return;
    }
    if (t.type !== 'plain_text' && t.type !== 'mrkdwn') {
      this.fail('must be a valid enum value', `${pointer}/type`);
    } else if (opts.plainOnly && t.type !== 'plain_text') {
      this.fail('must be a valid enum value', `${pointer}/type`);
    }
    if (typeof t.text !== 'string') {
      this.fail('must provide a string', `${pointer}/text`);
      return;
    }
    const len = codePointLength(t.text);
    if (len === 0) this.fail('must be more than 0 characters', `${pointer}/text`);
    if (len > max) this.fail(`must be less than ${max + 1} characters`, `${pointer}/text`);
    this.totalText += len;
  }

  confirm(c: unknown, pointer: string): void {
    if (c === undefined) return;
    if (!isObj(c)) return this.fail('must provide an object', pointer);
    this.text(c.title, `${pointer}/title`, 100, { plainOnly: true });
    this.text(c.text, `${pointer}/text`, 300);
    this.text(c.confirm, `${pointer}/confirm`, 30, { plainOnly: true });
    this.text(c.deny, `${pointer}/deny`, 30, { plainOnly: true });
  }

  option(o: unknown, pointer: string): void {
    if (!isObj(o)) return this.fail('must provide an object', pointer);
    this.text(o.text, `${pointer}/text`, 75);
    if (typeof o.value !== 'string') this.fail('must provide a string', `${pointer}/value`);
    else this.maxLen(o.value, 150, `${pointer}/value`);
    this.text(o.description, `${pointer}/description`, 75, { required: false });
    this.maxLen(o.url, 3000, `${pointer}/url`);
  }

  options(list: unknown, pointer: string, max: number, required: boolean): void {
    if (list === undefined) {
      if (required) this.fail('must provide an array', pointer);
      return;
    }
    if (!Array.isArray(list)) return this.fail('must provide an array', pointer);
    if (list.length > max) this.fail(`must be less than ${max + 1} items`, pointer);
    list.forEach((o, i) => this.option(o, `${pointer}/${i}`));
  }

  element(e: unknown, pointer: string): void {
    if (!isObj(e)) return this.fail('must provide an object', pointer);
    const type = e.type;
    if (typeof type !== 'string' || !INTERACTIVE_ELEMENTS.has(type)) {
      return this.fail('must be a valid enum value', `${pointer}/type`);
    }
    if (e.action_id !== undefined) {
      if (typeof e.action_id !== 'string') this.fail('must provide a string', `${pointer}/action_id`);
      else this.maxLen(e.action_id, 255, `${pointer}/action_id`);
    }
    this.confirm(e.confirm, `${pointer}/confirm`);
    switch (type) {
      case 'button':
        this.text(e.text, `${pointer}/text`, 75, { plainOnly: true });
        this.maxLen(e.value, 2000, `${pointer}/value`);
        this.maxLen(e.url, 3000, `${pointer}/url`);
        this.maxLen(e.accessibility_label, 75, `${pointer}/accessibility_label`);
        if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') {
          this.fail('must be a valid enum value', `${pointer}/style`);
        }
        break;
      case 'image':
        if (typeof e.alt_text !== 'string') this.fail('must provide a string', `${pointer}/alt_text`);
        else this.maxLen(e.alt_text, 2000, `${pointer}/alt_text`);
        this.maxLen(e.image_url, 3000, `${pointer}/image_url`);
        break;
      case 'static_select':
      case 'multi_static_select':
        this.text(e.placeholder, `${pointer}/placeholder`, 150, { plainOnly: true, required: false });
        if (e.option_groups === undefined) this.options(e.options, `${pointer}/options`, 100, true);
        break;
      case 'overflow':
        this.options(e.options, `${pointer}/options`, 5, true);
        break;
      case 'checkboxes':
      case 'radio_buttons':
        this.options(e.options, `${pointer}/options`, 10, true);
        break;
      default:
        if (e.placeholder !== undefined) {
          this.text(e.placeholder, `${pointer}/placeholder`, 150, { plainOnly: true });
        }
    }
  }

  /** Elements of an `actions`/`section` accessory etc., with per-block unique action_id. */
  actionIds(elements: unknown[], pointer: string): void {
    const seen = new Set<string>();
    elements.forEach((e, i) => {
      if (isObj(e) && typeof e.action_id === 'string') {
        if (seen.has(e.action_id)) this.fail('action_id must be unique', `${pointer}/${i}/action_id`);
        seen.add(e.action_id);
      }
    });
  }

  block(b: Obj, pointer: string, surface: BlockSurface, tables: { count: number }): void {
    const type = b.type;
    if (typeof type !== 'string' || !BLOCK_TYPES.has(type)) {
      return this.fail('must be a valid enum value', `${pointer}/type`);
    }
    switch (type) {
      case 'section': {
        if (b.text === undefined && b.fields === undefined) {
          this.fail('must provide either text or fields', pointer);
        }
        if (b.text !== undefined) this.text(b.text, `${pointer}/text`, 3000);
        if (b.fields !== undefined) {
          if (!Array.isArray(b.fields)) this.fail('must provide an array', `${pointer}/fields`);
          else {
            if (b.fields.length > 10) this.fail('must be less than 11 items', `${pointer}/fields`);
            b.fields.forEach((f, i) => this.text(f, `${pointer}/fields/${i}`, 2000));
          }
        }
        if (b.accessory !== undefined) this.element(b.accessory, `${pointer}/accessory`);
        break;
      }
      case 'header':
        this.text(b.text, `${pointer}/text`, 150, { plainOnly: true });
        break;
      case 'divider':
        break;
      case 'context': {
        if (!Array.isArray(b.elements)) return this.fail('must provide an array', `${pointer}/elements`);
        if (b.elements.length === 0) this.fail('must provide at least 1 item', `${pointer}/elements`);
        if (b.elements.length > 10) this.fail('must be less than 11 items', `${pointer}/elements`);
        b.elements.forEach((e, i) => {
          const p = `${pointer}/elements/${i}`;
          if (isObj(e) && e.type === 'image') this.element(e, p);
          else this.text(e, p, 3000);
        });
        break;
      }
      case 'actions': {
        if (!Array.isArray(b.elements)) return this.fail('must provide an array', `${pointer}/elements`);
        if (b.elements.length === 0) this.fail('must provide at least 1 item', `${pointer}/elements`);
        if (b.elements.length > 25) this.fail('must be less than 26 items', `${pointer}/elements`);
        b.elements.forEach((e, i) => this.element(e, `${pointer}/elements/${i}`));
        this.actionIds(b.elements, `${pointer}/elements`);
        break;
      }
      case 'image':
        if (typeof b.alt_text !== 'string') this.fail('must provide a string', `${pointer}/alt_text`);
        else this.maxLen(b.alt_text, 2000, `${pointer}/alt_text`);
        if (b.image_url === undefined && b.slack_file === undefined) {
          this.fail('must provide image_url or slack_file', pointer);
        }
        this.maxLen(b.image_url, 3000, `${pointer}/image_url`);
        if (b.title !== undefined) this.text(b.title, `${pointer}/title`, 2000, { plainOnly: true });
        break;
      case 'input':
        this.text(b.label, `${pointer}/label`, 2000, { plainOnly: true });
        if (b.hint !== undefined) this.text(b.hint, `${pointer}/hint`, 2000, { plainOnly: true });
        if (b.element === undefined) this.fail('must provide an object', `${pointer}/element`);
        else this.element(b.element, `${pointer}/element`);
        break;
      case 'rich_text':
        if (!Array.isArray(b.elements)) this.fail('must provide an array', `${pointer}/elements`);
        break;
      case 'markdown': {
        if (surface !== 'message') return this.fail('block type not allowed on this surface', `${pointer}/type`);
        if (typeof b.text !== 'string') return this.fail('must provide a string', `${pointer}/text`);
        const len = codePointLength(b.text);
        this.markdownChars += len;
        this.totalText += len;
        if (this.markdownChars > 12000) {
          this.fail('cumulative markdown text must be less than 12001 characters', `${pointer}/text`);
        }
        break;
      }
      case 'table': {
        if (surface !== 'message') return this.fail('block type not allowed on this surface', `${pointer}/type`);
        tables.count++;
        if (tables.count > 1) this.fail('only one table block is allowed per message', pointer);
        if (!Array.isArray(b.rows)) return this.fail('must provide an array', `${pointer}/rows`);
        if (b.rows.length > 100) this.fail('must be less than 101 items', `${pointer}/rows`);
        b.rows.forEach((r, i) => {
          if (Array.isArray(r) && r.length > 20) this.fail('must be less than 21 items', `${pointer}/rows/${i}`);
        });
        break;
      }
      default:
        break;
    }
  }
}

/**
 * Validates a `blocks` argument (already JSON-parsed) and returns a copy with `block_id`s filled in.
 * `undefined` blocks are valid (no blocks).
 */
export function validateBlocks(blocks: unknown, options: BlockValidationOptions): BlockValidationResult {
  if (blocks === undefined || blocks === null) return { ok: true, messages: [], blocks: undefined };
  if (!Array.isArray(blocks)) {
    return { ok: false, error: 'invalid_blocks_format', messages: ['[ERROR] must provide an array [json-pointer:/blocks]'] };
  }
  const c = new Checker();
  if (blocks.length > options.maxBlocks) {
    c.fail(`no more than ${options.maxBlocks} items allowed`, '/blocks');
  }
  const blockIds = new Set<string>();
  const tables = { count: 0 };
  blocks.forEach((b, i) => {
    const pointer = `/blocks/${i}`;
    if (!isObj(b)) return c.fail('must provide an object', pointer);
    if (b.block_id !== undefined) {
      if (typeof b.block_id !== 'string' || b.block_id.length === 0) {
        c.fail('must provide a non-empty string', `${pointer}/block_id`);
      } else {
        c.maxLen(b.block_id, 255, `${pointer}/block_id`);
        if (blockIds.has(b.block_id)) c.fail('block_id must be unique', `${pointer}/block_id`);
        blockIds.add(b.block_id);
      }
    }
    c.block(b, pointer, options.surface, tables);
  });
  if (c.messages.length > 0) return { ok: false, error: 'invalid_blocks', messages: c.messages };
  if (options.surface === 'message' && options.maxTotalTextChars !== undefined && c.totalText > options.maxTotalTextChars) {
    return { ok: false, error: 'msg_blocks_too_long', messages: [] };
  }
  const mint = options.mintBlockId;
  const withIds = (blocks as Obj[]).map((b) => {
    const copy: Obj = JSON.parse(JSON.stringify(b));
    if (copy.block_id === undefined && mint) {
      let id = mint();
      while (blockIds.has(id)) id = mint();
      blockIds.add(id);
      copy.block_id = id;
    }
    return copy;
  });
  return { ok: true, messages: [], blocks: withIds };
}

/** Walks blocks and returns the first interactive element with the given action_id, with its block_id. */
export function findActionElement(
  blocks: unknown,
  actionId: string,
): { element: Obj; blockId: string | undefined } | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const b of blocks) {
    if (!isObj(b)) continue;
    const blockId = typeof b.block_id === 'string' ? b.block_id : undefined;
    const candidates: unknown[] = [];
    if (Array.isArray(b.elements)) candidates.push(...b.elements);
    if (b.accessory !== undefined) candidates.push(b.accessory);
    if (b.element !== undefined) candidates.push(b.element);
    for (const e of candidates) {
      if (isObj(e) && e.action_id === actionId) return { element: e, blockId };
    }
  }
  return undefined;
}
