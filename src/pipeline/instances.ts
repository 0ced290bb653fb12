/** Resolve the config's channels.<name> blocks into runnable channel instances. */
import { resolve } from 'node:path';
import type { Channel, ChannelContext } from '../channels/contract.js';
import { findChannel } from '../channels/registry.js';
import type { LoadedConfig } from '../config/types.js';
import { ConfigError } from '../errors.js';

export interface Instance {
  name: string;
  channel: Channel<unknown>;
  ctx: ChannelContext;
  formats: string[];
}

export function resolveInstances(
  loaded: LoadedConfig,
  options: { only?: string[] | undefined; now: Date; offerOnly?: boolean | undefined },
): Instance[] {
  const { config } = loaded;
  const names = Object.keys(config.channels);
  for (const wanted of options.only ?? []) {
    if (!names.includes(wanted)) {
      throw new ConfigError(`--channel ${wanted}: no such channel in the config (configured: ${names.join(', ')})`, 'Use a key of "channels" in the config.');
    }
  }
  const instances: Instance[] = [];
  for (const name of names) {
    const block = config.channels[name]!;
    if (options.only && options.only.length > 0 ? !options.only.includes(name) : block.enabled === false) continue;
    const type = block.type ?? name;
    const channel = findChannel(type);
    if (!channel) throw new ConfigError(`channels.${name}: unknown channel type "${type}"`);
    const formats = block.formats ?? [...channel.defaultFormats];
    for (const format of formats) {
      if (!channel.formats.includes(format)) {
        throw new ConfigError(`channels.${name}.formats: "${format}" is not a ${channel.title} format (use ${channel.formats.join(', ')})`);
      }
    }
    const ctx: ChannelContext = {
      instance: name,
      config: options.offerOnly && channel.id === 'amazon' ? { ...block, offerOnly: true } : block,
      catalog: {
        currency: config.catalog?.currency,
        decimalComma: config.catalog?.decimalComma,
        includeUnpublished: config.catalog?.includeUnpublished,
      },
      resolvePath: (path) => resolve(loaded.dir, path),
      now: options.now,
    };
    instances.push({ name, channel, ctx, formats });
  }
  if (instances.length === 0) throw new ConfigError('no channel to build: every channel is disabled', 'Enable a channel or pass --channel NAME.');
  return instances;
}
