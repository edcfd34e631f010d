/** chat.*: posting, editing and deleting bot messages, ephemerals, permalinks. */
import { checkContent } from '../message-content';
import type { ApiResult, Args } from '../types';
import { clone, flag, str } from '../values';
import type { Workspace } from '../workspace';

export function chatPostMessage(ws: Workspace, args: Args): ApiResult {
  const channel = ws.resolveChannel(args.channel);
  if (!channel) return { ok: false, error: 'channel_not_found' };
  if (channel.is_archived) return { ok: false, error: 'is_archived' };
  if (!ws.botCanAccess(channel)) return { ok: false, error: 'not_in_channel' };
  const content = checkContent(ws, args, 'chat.postMessage', channel.id);
  if ('error' in content) return content.error;
  const threadTs = str(args.thread_ts) || undefined;
  const msg = ws.storeMessage(channel, content, threadTs, 'chat.postMessage', flag(args.reply_broadcast));
  return { ok: true, channel: channel.id, ts: msg.ts, message: clone(msg) };
}

export function chatUpdate(ws: Workspace, args: Args): ApiResult {
  const channel = ws.resolveChannel(args.channel);
  if (!channel) return { ok: false, error: 'channel_not_found' };
  if (channel.is_archived) return { ok: false, error: 'is_archived' };
  const ts = str(args.ts);
  const msg = ts ? ws.message(channel.id, ts) : undefined;
  if (!msg) return { ok: false, error: 'message_not_found' };
  if (msg.bot_id !== ws.botId) return { ok: false, error: 'cant_update_message' };
  const content = checkContent(ws, args, 'chat.update', channel.id, false);
  if ('error' in content) return content.error;
  if (args.text !== undefined || content.text !== undefined) msg.text = content.text ?? '';
  else if (args.blocks !== undefined) msg.text = '';
  if (args.blocks !== undefined) {
    if (content.blocks && content.blocks.length > 0) msg.blocks = content.blocks;
    else delete msg.blocks;
  }
  if (args.attachments !== undefined) {
    if (content.attachments) msg.attachments = content.attachments;
    else delete msg.attachments;
  }
  if (content.metadata) msg.metadata = content.metadata;
  msg.edited = { user: ws.botUserId, ts: ws.mintTs(`${channel.id}#edits`) };
  return { ok: true, channel: channel.id, ts: msg.ts, text: msg.text, message: clone(msg) };
}

export function chatDelete(ws: Workspace, args: Args): ApiResult {
  const channel = ws.resolveChannel(args.channel);
  if (!channel) return { ok: false, error: 'channel_not_found' };
  const ts = str(args.ts);
  const msg = ts ? ws.message(channel.id, ts) : undefined;
  if (!msg || msg.subtype === 'tombstone') return { ok: false, error: 'message_not_found' };
  if (msg.bot_id !== ws.botId) return { ok: false, error: 'cant_delete_message' };
  ws.deleteStored(channel.id, msg);
  return { ok: true, channel: channel.id, ts: msg.ts };
}

export function chatPostEphemeral(ws: Workspace, args: Args): ApiResult {
  const channel = ws.resolveChannel(args.channel);
  if (!channel) return { ok: false, error: 'channel_not_found' };
  const userId = str(args.user);
  const user = userId ? ws.users.get(userId) : undefined;
  if (!user || user.deleted) return { ok: false, error: 'user_not_found' };
  if (channel.is_archived) return { ok: false, error: 'is_archived' };
  if (!ws.botCanAccess(channel)) return { ok: false, error: 'not_in_channel' };
  if (!channel.members.includes(user.id)) return { ok: false, error: 'user_not_in_channel' };
  const content = checkContent(ws, args, 'chat.postEphemeral', channel.id);
  if ('error' in content) return content.error;
  const e = ws.storeEphemeral(channel.id, user.id, content, str(args.thread_ts) || undefined, 'chat.postEphemeral');
  return { ok: true, message_ts: e.message_ts };
}

export function chatGetPermalink(ws: Workspace, args: Args): ApiResult {
  const channel = ws.resolveChannel(args.channel);
  if (!channel) return { ok: false, error: 'channel_not_found' };
  const ts = str(args.message_ts);
  const msg = ts ? ws.message(channel.id, ts) : undefined;
  if (!msg) return { ok: false, error: 'message_not_found' };
  const p = msg.ts.replace('.', '');
  const thread = msg.thread_ts && msg.thread_ts !== msg.ts ? `?thread_ts=${msg.thread_ts}&cid=${channel.id}` : '';
  return { ok: true, channel: channel.id, permalink: `https://${ws.team.domain}.slack.com/archives/${channel.id}/p${p}${thread}` };
}
