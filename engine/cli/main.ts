// Entry point of bin/idsync.
import { buildProgram } from './program.ts';
import { CliError, exitQuietlyOnClosedPipe } from './output.ts';

exitQuietlyOnClosedPipe();
try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  if (err instanceof CliError) {
    process.stderr.write(`idsync: ${err.message}\n`);
    process.exitCode = err.exitCode;
  } else {
    process.stderr.write(`idsync: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  }
}
