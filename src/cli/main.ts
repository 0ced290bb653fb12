/** The omnifeed program: one commander program, one file per command, exit codes from one place. */
import { Command, CommanderError } from 'commander';
import { EXIT } from '../errors.js';
import { registerBuild } from './build.js';
import { registerDiff } from './diff.js';
import { registerSchema } from './schema.js';
import { processIo, type CliIo } from './io.js';
import { reportError } from './shared.js';

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => { exitCode = code; };
  const program = new Command('omnifeed')
    .description('One catalog, every channel: Google Merchant Center, Amazon and marketplace feeds, validated.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run omnifeed --help for usage)');
  registerBuild(program, io, setExit);
  registerDiff(program, io, setExit);
  registerSchema(program, io, setExit);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportError(io, err);
  }
  return exitCode;
}
