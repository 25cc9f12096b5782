// The product version, read once from package.json.
import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

/** IdSync's version string. */
export const version: string = pkg.version;
