/** Every marketplace profile, listed explicitly. */
import { ebay } from './ebay.js';
import { generic } from './generic.js';
import type { MarketplaceProfile } from './profile.js';

const profiles: Readonly<Record<string, MarketplaceProfile>> = { ebay, generic };

export function findProfile(id: string): MarketplaceProfile | undefined {
  return Object.hasOwn(profiles, id) ? profiles[id] : undefined;
}

export function profileIds(): string[] {
  return Object.keys(profiles).sort();
}
