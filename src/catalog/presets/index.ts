import type { Preset } from '../preset.js';
import { shopify } from './shopify.js';

/** Every catalog preset, by the name `--preset` and `catalog.preset` use. */
export const presets: Record<string, Preset> = { shopify };
