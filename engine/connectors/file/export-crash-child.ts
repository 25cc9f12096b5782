// A separate process for the crash tests: runs one export of the file connector and prints its results.
// Usage: node --import tsx export-crash-child.ts '[config, batch]'
import type { ExportChange } from '../contract.ts';
import type { FileConfigInput } from './config.ts';
import { connectorFor, testContext } from './test-harness.ts';

const [config, batch] = JSON.parse(process.argv[2]) as [FileConfigInput, ExportChange[]];
const results = await connectorFor(config).export(batch, testContext());
process.stdout.write(JSON.stringify(results));
