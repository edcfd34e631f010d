/**
 * response_urls: minted for each command and click (by `SlackDriver`), served on `/response/<id>`, and applied as
 * Slack applies them: a new ephemeral or in-channel message, `replace_original` or `delete_original` of the message
 * the interaction was on. Each URL takes 5 posts within 30 minutes, then answers 404 (`used_url`, `expired_url`).
 */
import { randomBytes } from 'node:crypto';
import type http from 'node:http';

import type { ChangeFeed } from './calls';
import type { Faults } from './faults';
import { HttpReply, send } from './http';
import { checkContent } from './message-content';
import type { ApiResult, LocalSlackOptions, RecordedResponse, ResponseUrlOptions, ResponseUrlRecord } from './types';
import { flag, isObj, str } from './values';
import type { Workspace } from './workspace';

export class ResponseUrls {
  /** Every POST to a response_url, accepted or refused. */
  readonly responses: RecordedResponse[] = [];
  private readonly records = new Map<string, ResponseUrlRecord>();
  private readonly maxUses: number;
  private readonly ttlMs: number;

  constructor(
    private readonly ws: Workspace,
    private readonly faults: Faults,
    private readonly changes: ChangeFeed,
    private readonly baseUrl: () => string,
    options: LocalSlackOptions,
  ) {
    this.maxUses = options.responseUrlMaxUses ?? 5;
    this.ttlMs = options.responseUrlTtlMs ?? 30 * 60 * 1000;
  }

  /** Mints `<base>/response/<id>` for the interaction described by `opts`. */
  mint(opts: string | ResponseUrlOptions = {}): string {
    const o: ResponseUrlOptions = typeof opts === 'string' ? { id: opts } : opts;
    const id = o.id ?? `${this.ws.team.id}/${this.ws.mintId('R')}/${randomBytes(12).toString('hex')}`;
    const url = `${this.baseUrl()}/response/${id}`;
    this.records.set(id, { ...o, id, url, createdAt: this.ws.now(), uses: 0 });
    return url;
  }

  info(idOrUrl: string): ResponseUrlRecord | undefined {
    return this.records.get(responseId(idOrUrl));
  }

  /** Responses posted to one response_url (by id or full URL), or all. */
  responsesTo(idOrUrl?: string): RecordedResponse[] {
    if (idOrUrl === undefined) return [...this.responses];
    const id = responseId(idOrUrl);
    return this.responses.filter((r) => r.id === id);
  }

  clear(): void {
    this.responses.length = 0;
    this.records.clear();
  }

  /** Answers a POST to `/response/<id>`. */
  async handle(id: string, raw: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const record = this.records.get(id);
    let body: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = JSON.parse(raw);
      body = isObj(parsed) ? parsed : undefined;
    } catch {
      body = undefined;
    }
    const entry: RecordedResponse = {
      id,
      url: record?.url ?? `${this.baseUrl()}/response/${id}`,
      body,
      at: this.ws.now(),
      status: 0,
      userId: record?.userId,
      channelId: record?.channelId,
    };
    this.responses.push(entry);
    const reply = (status: number, payload: ApiResult | 'drop'): void => {
      if (payload === 'drop') {
        req.socket.destroy();
        return;
      }
      entry.status = status;
      if (!payload.ok) entry.error = payload.error;
      send(res, new HttpReply(status, payload));
      if (payload.ok) this.changes.emit({ source: 'response_url', channel: record?.channelId });
    };

    const fault = this.faults.take('response_url');
    if (fault && 'delayMs' in fault && fault.delayMs) await this.faults.sleep(fault.delayMs);
    if (fault && 'error' in fault) return reply(404, { ok: false, error: fault.error });
    if (fault && 'status' in fault) return reply(fault.status, { ok: false, error: `http_${fault.status}` });

    if (!record) return reply(404, { ok: false, error: 'invalid_url' });
    if (this.ws.now() - record.createdAt > this.ttlMs) return reply(404, { ok: false, error: 'expired_url' });
    if (record.uses >= this.maxUses) return reply(404, { ok: false, error: 'used_url' });
    if (!body) return reply(400, { ok: false, error: 'invalid_payload' });

    const result = this.apply(record, body, entry);
    if (result.ok) record.uses += 1;
    if (result.ok && fault && 'dropAfterStore' in fault) return reply(200, 'drop');
    return reply(result.ok ? 200 : result.error === 'message_not_found' ? 404 : 400, result);
  }

  private apply(record: ResponseUrlRecord, body: Record<string, unknown>, entry: RecordedResponse): ApiResult {
    const ws = this.ws;
    const channelId = record.channelId;
    if (flag(body.delete_original)) {
      if (!record.messageTs || !channelId) return { ok: false, error: 'message_not_found' };
      if (record.isEphemeral) {
        const e = ws.ephemerals.find((x) => x.message_ts === record.messageTs && x.channel === channelId && !x.deleted);
        if (!e) return { ok: false, error: 'message_not_found' };
        e.deleted = true;
      } else {
        const msg = ws.message(channelId, record.messageTs);
        if (!msg) return { ok: false, error: 'message_not_found' };
        ws.deleteStored(channelId, msg);
      }
      entry.applied = 'delete_original';
      entry.ts = record.messageTs;
      return { ok: true };
    }

    const content = checkContent(ws, body, 'response_url', channelId);
    if ('error' in content) return content.error;

    if (flag(body.replace_original) && record.messageTs && channelId) {
      if (record.isEphemeral) {
        const e = ws.ephemerals.find((x) => x.message_ts === record.messageTs && x.channel === channelId && !x.deleted);
        if (!e) return { ok: false, error: 'message_not_found' };
        e.text = content.text ?? '';
        e.blocks = content.blocks;
        e.replaced += 1;
      } else {
        const msg = ws.message(channelId, record.messageTs);
        if (!msg) return { ok: false, error: 'message_not_found' };
        msg.text = content.text ?? '';
        if (content.blocks) msg.blocks = content.blocks;
        else delete msg.blocks;
        msg.edited = { user: ws.botUserId, ts: ws.mintTs(`${channelId}#edits`) };
      }
      entry.applied = 'replace_original';
      entry.ts = record.messageTs;
      return { ok: true };
    }

    if (!channelId) return { ok: false, error: 'channel_not_found' };
    const channel = ws.channels.get(channelId) ?? ws.resolveChannel(channelId);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    const threadTs = str(body.thread_ts) || record.threadTs;
    if (body.response_type === 'in_channel') {
      const msg = ws.storeMessage(channel, content, threadTs, 'response_url');
      entry.applied = 'in_channel';
      entry.ts = msg.ts;
      return { ok: true };
    }
    if (!record.userId) return { ok: false, error: 'user_not_found' };
    const e = ws.storeEphemeral(channel.id, record.userId, content, threadTs, 'response_url');
    entry.applied = 'ephemeral';
    entry.ts = e.message_ts;
    return { ok: true };
  }
}

/** The id of a response_url given as an id or as the full URL. */
function responseId(idOrUrl: string): string {
  const marker = '/response/';
  const i = idOrUrl.indexOf(marker);
  return i >= 0 ? decodeURIComponent(idOrUrl.slice(i + marker.length)) : idOrUrl;
}
