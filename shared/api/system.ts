// System methods: status of the engine and its host.
import { z } from 'zod';
import { method } from './define.ts';
import { SystemStatus, LogLine } from '../model/system.ts';

export const systemMethods = {
  'system.status': method('Version, host, data directory, engine state and lock holder', z.object({}), SystemStatus),
  'system.ping': method('Round trip to the engine worker', z.object({ echo: z.string().max(1000) }), z.object({ echo: z.string() })),
  'system.recentLogs': method(
    'The most recent log lines of the engine',
    z.object({ limit: z.number().int().min(1).max(5000).default(200) }),
    z.array(LogLine),
  ),
} as const;
