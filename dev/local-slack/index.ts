export { LocalSlack, tsToMicros } from './web-api-server';
export type { LocalSlackChange, LocalSlackOptions } from './web-api-server';
export { SlackDriver } from './driver';
export type {
  BlockActionInput,
  ClickButtonInput,
  CommandInput,
  DriverResponse,
  EventOptions,
  SendOptions,
  SentAction,
  SentCommand,
  SentEvent,
  SlackDriverOptions,
} from './driver';
export { signRequest, nowSeconds } from './signing';
export type { SlackSignatureHeaders } from './signing';
export { validateBlocks, validateView, findActionElement, codePointLength } from './blocks';
export { getFreePort } from './ports';
export * from './types';
