// Where the README's pictures go: docs/screenshots when asked to refresh them (IDSYNC_UPDATE_DOCS=1), else beside
// the other test artifacts, so an ordinary test run leaves the repository as it found it.
import path from 'node:path';
import { repoRoot } from '../env/idsync-serve.ts';

export const DOCS_SCREENSHOTS = process.env.IDSYNC_UPDATE_DOCS === '1' ? path.join(repoRoot, 'docs', 'screenshots') : path.join(repoRoot, 'e2e', 'artifacts', 'docs-screenshots');
