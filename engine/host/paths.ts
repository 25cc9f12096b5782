// Where the built artefacts are, relative to the installed package.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The package's root directory (where package.json is). */
export const packageRoot: string = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** The built console served by the hosts. */
export const rendererDist: string = path.join(packageRoot, 'dist', 'renderer');
