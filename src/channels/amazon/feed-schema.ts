/** The whole-file feed schema, compiled with the message schema it refers to. */
import type { ValidateFunction } from 'ajv';
import { compileSchemaFile } from '../../validate/ajv.js';

export const MESSAGE_SCHEMA_FILE = 'amazon-listings-message.schema.json';
export const FEED_SCHEMA_FILE = 'amazon-listings-feed.schema.json';

export function compileFeedSchema(): ValidateFunction {
  // The feed schema $refs the message schema by $id: compiling it first registers it.
  compileSchemaFile(MESSAGE_SCHEMA_FILE);
  return compileSchemaFile(FEED_SCHEMA_FILE);
}
