// Loads the TypeScript worker through tsx when the engine runs from source (development, CLI, tests).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
