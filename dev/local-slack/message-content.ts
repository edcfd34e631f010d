/**
 * A message's content (text, markdown_text, blocks, attachments, metadata) checked as Slack checks it, for
 * chat.postMessage, chat.update, chat.postEphemeral and response_urls alike.
 */
import { randomBytes } from 'node:crypto';

import { codePointLength, validateBlocks } from './blocks';
import type { ApiResult, Args, MessageMetadata } from './types';
import { isObj, str } from './values';
import type { MessageParts, Workspace } from './workspace';

/** Slack truncates longer texts (and says so in a warning). */
const MESSAGE_TEXT_LIMIT = 40_000;

export type CheckedContent = { error: ApiResult } | (MessageParts & { blocks: Record<string, unknown>[] | undefined });

/**
 * The error Slack would answer, or the content to store. `requireContent` is false for chat.update (unchanged
 * fields are kept). Missing fallback text and truncation are recorded in `ws.warnings`.
 */
export function checkContent(ws: Workspace, args: Args, source: string, channel: string | undefined, requireContent = true): CheckedContent {
  const hasText = typeof args.text === 'string' ? args.text.length > 0 : str(args.text) !== undefined;
  let text = str(args.text);
  const markdownText = str(args.markdown_text);
  const blocksArg = args.blocks;
  const hasBlocks = Array.isArray(blocksArg) && blocksArg.length > 0;
  const attachments = Array.isArray(args.attachments) && args.attachments.length > 0 ? args.attachments : undefined;
  if (markdownText !== undefined) {
    if (hasText || blocksArg !== undefined) return { error: { ok: false, error: 'markdown_text_conflict' } };
    text = markdownText;
  }
  if (requireContent && !hasText && !hasBlocks && !attachments && !markdownText) {
    return { error: { ok: false, error: 'no_text' } };
  }
  if (!requireContent && args.text === undefined && blocksArg === undefined && !attachments && !markdownText) {
    return { error: { ok: false, error: 'no_text' } };
  }
  if (blocksArg !== undefined && typeof blocksArg === 'string') {
    return { error: { ok: false, error: 'invalid_blocks_format' } };
  }
  const v = validateBlocks(blocksArg, {
    maxBlocks: 50,
    surface: 'message',
    maxTotalTextChars: ws.maxTotalBlockTextChars,
    mintBlockId: () => randomBytes(3).toString('base64url').slice(0, 4),
  });
  if (!v.ok) {
    const error: ApiResult = { ok: false, error: v.error };
    if (v.messages.length) error.response_metadata = { messages: v.messages };
    return { error };
  }
  let metadata: MessageMetadata | undefined;
  if (args.metadata !== undefined) {
    const m = args.metadata;
    if (!isObj(m) || typeof m.event_type !== 'string' || (m.event_payload !== undefined && !isObj(m.event_payload))) {
      return { error: { ok: false, error: 'invalid_metadata_format' } };
    }
    metadata = { event_type: m.event_type, event_payload: (m.event_payload as Record<string, unknown>) ?? {} };
  }
  if (!hasText && !markdownText && (hasBlocks || attachments)) {
    ws.warn({
      code: 'missing_text',
      source,
      channel,
      detail: `${source} without a top-level text: notifications and screen readers get no fallback`,
    });
  }
  if (text !== undefined && codePointLength(text) > MESSAGE_TEXT_LIMIT) {
    ws.warn({ code: 'text_truncated', source, channel, detail: `text over ${MESSAGE_TEXT_LIMIT} characters` });
    text = [...text].slice(0, MESSAGE_TEXT_LIMIT).join('');
  }
  return { text, blocks: v.blocks, attachments, metadata };
}
