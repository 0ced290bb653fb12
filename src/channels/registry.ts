/**
 * Every channel type omnifeed knows, listed explicitly. A test fails when a folder under
 * src/channels/ is missing here. `ChannelId` is derived from this list.
 */
import type { Channel } from './contract.js';
import amazon from './amazon/index.js';
import google from './google/index.js';
import marketplace from './marketplace/index.js';

export const channels = {
  amazon,
  google,
  marketplace,
} satisfies Record<string, Channel<any>>;

export type ChannelId = keyof typeof channels;

export function findChannel(id: string): Channel<any> | undefined {
  return (channels as Record<string, Channel<any>>)[id];
}
