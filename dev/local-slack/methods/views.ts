/** views.publish: a user's App Home tab, checked as Slack checks it and kept per user. */
import { randomBytes } from 'node:crypto';

import { codePointLength, validateBlocks } from '../blocks';
import type { ApiResult, Args } from '../types';
import { clone, isObj, str } from '../values';
import type { Workspace } from '../workspace';

/** Fields of a view and their length limits (Slack's views reference). */
const VIEW_TEXT_LIMITS: Record<string, number> = { private_metadata: 3000, callback_id: 255, external_id: 255 };

function parseView(arg: unknown): Record<string, unknown> | null {
  if (isObj(arg)) return arg;
  if (typeof arg !== 'string') return null;
  try {
    const parsed = JSON.parse(arg) as unknown;
    return isObj(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function viewsPublish(ws: Workspace, args: Args): ApiResult {
  const userId = str(args.user_id);
  const user = userId ? ws.users.get(userId) : undefined;
  if (!user || user.deleted || user.is_bot) return { ok: false, error: 'user_not_found' };
  const view = parseView(args.view);
  if (!view) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] failed to match all allowed schemas [json-pointer:/view]'] } };
  if (view.type !== 'home') return { ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] must be a valid enum value [json-pointer:/view/type]'] } };
  for (const [field, max] of Object.entries(VIEW_TEXT_LIMITS)) {
    const value = view[field];
    if (value !== undefined && (typeof value !== 'string' || codePointLength(value) > max)) {
      return { ok: false, error: 'invalid_arguments', response_metadata: { messages: [`[ERROR] must be less than ${max + 1} characters [json-pointer:/view/${field}]`] } };
    }
  }
  const checked = validateBlocks(view.blocks ?? [], { maxBlocks: 100, surface: 'home', mintBlockId: () => randomBytes(3).toString('base64url').slice(0, 4) });
  if (!checked.ok) return { ok: false, error: checked.error ?? 'invalid_blocks', response_metadata: { messages: checked.messages.map((m) => m.replace('json-pointer:/blocks', 'json-pointer:/view/blocks')) } };
  const previous = ws.homeViews.get(user.id);
  // A stale hash means someone published in between: Slack refuses, so an older view never replaces a newer one.
  const hash = str(args.hash);
  if (hash && previous && previous.view.hash !== hash) return { ok: false, error: 'hash_conflict' };
  const stored = {
    ...clone(view),
    blocks: checked.blocks ?? [],
    id: previous?.view.id ?? ws.mintId('V'),
    team_id: ws.team.id,
    app_id: ws.appId,
    bot_id: ws.botId,
    hash: `${Math.floor(ws.now() / 1000)}.${randomBytes(4).toString('hex')}`,
    private_metadata: typeof view.private_metadata === 'string' ? view.private_metadata : '',
    callback_id: typeof view.callback_id === 'string' ? view.callback_id : '',
  };
  ws.homeViews.set(user.id, { view: stored, user: user.id, team: ws.team.id, at: ws.now() });
  return { ok: true, view: clone(stored) };
}
