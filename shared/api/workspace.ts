// Workspace methods: the demo workspace a newcomer can open from an empty console.
import { z } from 'zod';
import { method } from './define.ts';

export const DemoSummary = z.object({
  directory: z.string(),
  users: z.number(),
  groups: z.number(),
  runs: z.array(z.object({ connector: z.string(), profile: z.string(), status: z.string() })),
});
export type DemoSummary = z.infer<typeof DemoSummary>;

export const workspaceMethods = {
  'workspace.createDemo': method(
    'Fills an empty data directory with the demo: sample HR and group files, rules, a provisioned directory and a few runs',
    z.object({ users: z.number().int().min(10).max(100_000).default(1000) }),
    DemoSummary,
  ),
} as const;
