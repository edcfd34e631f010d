/** conversations.*: history and replies (with Slack's paging and ts filters), info, members, join, open. */
import { tsToMicros } from '../time';
import type { ApiResult, Args, SlackChannel, StoredMessage } from '../types';
import { clone, flag, num, str } from '../values';
import type { Workspace } from '../workspace';

/** Filters by oldest/latest (exclusive unless `inclusive`), then pages by `limit` and an opaque cursor. */
function page(list: StoredMessage[], args: Args, defaultLimit: number): { messages: StoredMessage[]; has_more: boolean; next_cursor: string } {
  const inclusive = flag(args.inclusive);
  const oldest = str(args.oldest);
  const latest = str(args.latest);
  const lo = oldest !== undefined && oldest !== '' ? tsToMicros(oldest) : undefined;
  const hi = latest !== undefined && latest !== '' ? tsToMicros(latest) : undefined;
  const filtered = list.filter((m) => {
    const t = tsToMicros(m.ts);
    if (lo !== undefined && (inclusive ? t < lo : t <= lo)) return false;
    if (hi !== undefined && (inclusive ? t > hi : t >= hi)) return false;
    return true;
  });
  const limit = Math.max(1, Math.min(999, num(args.limit, defaultLimit) || defaultLimit));
  const cursor = str(args.cursor);
  const offset = cursor ? Number(Buffer.from(cursor, 'base64').toString('utf8').replace(/^offset:/, '')) || 0 : 0;
  const messages = filtered.slice(offset, offset + limit);
  const hasMore = offset + limit < filtered.length;
  return {
    messages,
    has_more: hasMore,
    next_cursor: hasMore ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '',
  };
}

/** A copy as the API returns it: metadata only when `include_all_metadata` was asked for. */
function present(m: StoredMessage, includeMetadata: boolean): StoredMessage {
  const copy = clone(m);
  if (!includeMetadata) delete copy.metadata;
  return copy;
}

export function conversationsHistory(ws: Workspace, args: Args): ApiResult {
  const channel = ws.resolveChannel(args.channel);
  if (!channel) return { ok: false, error: 'channel_not_found' };
  if (!ws.botCanAccess(channel)) return { ok: false, error: 'not_in_channel' };
  const top = ws.messages(channel.id).sort((a, b) => tsToMicros(b.ts) - tsToMicros(a.ts));
  const p = page(top, args, 100);
  const meta = flag(args.include_all_metadata);
  return {
    ok: true,
    messages: p.messages.map((m) => present(m, meta)),
    has_more: p.has_more,
    pin_count: 0,
    channel_actions_ts: null,
    channel_actions_count: 0,
    response_metadata: { next_cursor: p.next_cursor },
  };
}

export function conversationsReplies(ws: Workspace, args: Args): ApiResult {
  const channel = ws.resolveChannel(args.channel);
  if (!channel) return { ok: false, error: 'channel_not_found' };
  if (!ws.botCanAccess(channel)) return { ok: false, error: 'not_in_channel' };
  const ts = str(args.ts);
  if (!ts) return { ok: false, error: 'invalid_arguments' };
  const msg = ws.message(channel.id, ts);
  if (!msg) return { ok: false, error: 'thread_not_found' };
  const meta = flag(args.include_all_metadata);
  if (msg.thread_ts && msg.thread_ts !== msg.ts) {
    return { ok: true, messages: [present(msg, meta)], has_more: false, response_metadata: { next_cursor: '' } };
  }
  const [parent, ...replies] = ws.thread(channel.id, ts);
  const p = page(replies, args, 1000);
  return {
    ok: true,
    messages: [parent, ...p.messages].map((m) => present(m, meta)),
    has_more: p.has_more,
    response_metadata: { next_cursor: p.next_cursor },
  };
}

function channelInfo(ws: Workspace, c: SlackChannel, includeNumMembers: boolean): Record<string, unknown> {
  const info: Record<string, unknown> = {
    id: c.id,
    created: c.created,
    is_archived: c.is_archived,
    is_im: c.is_im,
    is_org_shared: false,
    context_team_id: ws.team.id,
    is_member: c.members.includes(ws.botUserId),
  };
  if (c.is_im) {
    info.user = c.user;
    info.is_open = true;
  } else {
    Object.assign(info, {
      name: c.name,
      name_normalized: c.name,
      is_channel: !c.is_private,
      is_group: c.is_private,
      is_private: c.is_private,
      is_mpim: false,
      is_general: false,
      is_shared: false,
      is_ext_shared: false,
      creator: ws.botUserId,
      topic: { value: '', creator: '', last_set: 0 },
      purpose: { value: '', creator: '', last_set: 0 },
    });
  }
  if (includeNumMembers) info.num_members = c.members.length;
  return info;
}

export function conversationsInfo(ws: Workspace, args: Args): ApiResult {
  const channel = ws.resolveChannel(args.channel);
  if (!channel) return { ok: false, error: 'channel_not_found' };
  return { ok: true, channel: channelInfo(ws, channel, flag(args.include_num_members)) };
}

export function conversationsMembers(ws: Workspace, args: Args): ApiResult {
  const channel = ws.resolveChannel(args.channel);
  if (!channel) return { ok: false, error: 'channel_not_found' };
  return { ok: true, members: [...channel.members], response_metadata: { next_cursor: '' } };
}

export function conversationsJoin(ws: Workspace, args: Args): ApiResult {
  const channel = ws.resolveChannel(args.channel);
  if (!channel) return { ok: false, error: 'channel_not_found' };
  if (channel.is_archived) return { ok: false, error: 'is_archived' };
  if (channel.is_private || channel.is_im) return { ok: false, error: 'method_not_supported_for_channel_type' };
  const already = channel.members.includes(ws.botUserId);
  if (!already) channel.members.push(ws.botUserId);
  const result: ApiResult = { ok: true, channel: channelInfo(ws, channel, false) };
  if (already) result.warning = 'already_in_channel';
  return result;
}

export function conversationsOpen(ws: Workspace, args: Args): ApiResult {
  const users = (str(args.users) ?? '').split(',').filter(Boolean);
  if (users.length !== 1) return { ok: false, error: users.length === 0 ? 'users_list_not_supplied' : 'not_implemented' };
  if (!ws.users.has(users[0])) return { ok: false, error: 'user_not_found' };
  const im = ws.imFor(users[0]);
  return { ok: true, channel: { id: im.id } };
}
