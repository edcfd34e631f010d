/**
 * The Web API methods the stand-in answers, by name. Any other method answers `unknown_method` unless a test adds
 * it with `slack.handle(method, fn)`.
 */
import type { ApiResult, Args } from '../types';
import type { Workspace } from '../workspace';
import { apiTest, authTest } from './auth';
import { chatDelete, chatGetPermalink, chatPostEphemeral, chatPostMessage, chatUpdate } from './chat';
import {
  conversationsHistory,
  conversationsInfo,
  conversationsJoin,
  conversationsMembers,
  conversationsOpen,
  conversationsReplies,
} from './conversations';
import { usersInfo } from './users';
import { viewsPublish } from './views';

export type BuiltinMethod = (ws: Workspace, args: Args) => ApiResult;

/** A Map, not an object literal: a method named `constructor` or `__proto__` must answer unknown_method too. */
export const METHODS: ReadonlyMap<string, BuiltinMethod> = new Map<string, BuiltinMethod>([
  ['api.test', apiTest],
  ['auth.test', authTest],
  ['chat.postMessage', chatPostMessage],
  ['chat.update', chatUpdate],
  ['chat.delete', chatDelete],
  ['chat.postEphemeral', chatPostEphemeral],
  ['chat.getPermalink', chatGetPermalink],
  ['conversations.history', conversationsHistory],
  ['conversations.replies', conversationsReplies],
  ['conversations.info', conversationsInfo],
  ['conversations.members', conversationsMembers],
  ['conversations.join', conversationsJoin],
  ['conversations.open', conversationsOpen],
  ['users.info', usersInfo],
  ['views.publish', viewsPublish],
]);
