/** `omnifeed diff`: what changed between two feeds. */
export { diffFeeds, diffSources } from './diff-feeds.js';
export { openFeedSource, readFeedItems, type FeedSource } from './read-feed.js';
export { detectFormat } from './detect-format.js';
export { renderText, type TextOptions } from './render-text.js';
export { renderJson } from './render-json.js';
export type * from './types.js';
