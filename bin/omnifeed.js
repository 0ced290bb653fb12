#!/usr/bin/env node
// Tiny launcher: the CLI itself is compiled from src/ into dist/ by `npm install` (prepare) or `npm run build`.
import { main } from '../dist/cli/main.js';

// `omnifeed diff a b | head`: a closed pipe is not an error worth a stack trace.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
