export { LocalSlack } from './local-slack';
export { tsToMicros } from './time';
export { SlackDriver } from './driver';
export type { HomeActionInput, SentHomeAction } from './home';
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
export { encodeTyped, directoryOf, type Directory } from './typed-text';
export type { SlackSignatureHeaders } from './signing';
export { validateBlocks, findActionElement, codePointLength } from './blocks';
export { getFreePort } from './ports';
export * from './types';
