// Handlers of the workspace methods.
import type { workspaceMethods } from '../../shared/api/workspace.ts';
import type { HandlerGroup } from './handlers.ts';
import type { ServiceContext } from './context.ts';
import { createDemoWorkspace } from '../demo/demo-workspace.ts';
import { ApiError } from './api-error.ts';

/** Creates the workspace method handlers. */
export function createWorkspaceHandlers(ctx: ServiceContext): HandlerGroup<typeof workspaceMethods> {
  return {
    handlers: {
      'workspace.createDemo': async ({ users }) => {
        try {
          return await createDemoWorkspace(ctx.call, ctx.home, { users, onStep: (m) => ctx.log('info', 'demo', m) });
        } catch (err) {
          throw new ApiError('demo-refused', (err as Error).message);
        }
      },
    },
    close() {},
  };
}
