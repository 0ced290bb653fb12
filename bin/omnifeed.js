#!/usr/bin/env node
// Tiny launcher: the CLI itself is compiled from src/ into dist/ by `npm install` (prepare) or `npm run build`.
import { main } from '../dist/cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
