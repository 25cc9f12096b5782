// Every CLI command registers itself here; one file per command group under commands/.
import type { Command } from 'commander';
import { registerServe } from './serve.ts';
import { registerStart } from './start.ts';
import { registerInfo } from './info.ts';
import { registerBench } from './bench.ts';
import { registerEval } from './eval.ts';
import { registerConnectors } from './connectors.ts';
import { registerRun } from './run.ts';
import { registerRuns } from './runs.ts';
import { registerCs } from './cs.ts';
import { registerMv } from './mv.ts';
import { registerPreview } from './preview.ts';
import { registerConfig } from './config.ts';
import { registerDemo } from './demo.ts';
import { registerSetup } from './setup.ts';
import { registerScheduler } from './scheduler.ts';
import { registerCycle } from './cycle.ts';
import { registerStaging } from './staging.ts';
import { registerDeletes } from './deletes.ts';
import { registerMigrate } from './migrate.ts';
import { registerIdentity } from './identity.ts';
import { registerStats } from './stats.ts';
import { registerStatus } from './status.ts';
import { registerRules } from './rules.ts';
import { registerConnectorManagement } from './connector-manage.ts';
import { registerMvSchema } from './mv-schema.ts';
import { registerEntraExtension } from './entra-extension.ts';
import { registerStore } from './store.ts';

export type Registrar = (program: Command) => void;

/** All command registrars, in help order. */
export const registrars: readonly Registrar[] = [registerStart, registerServe, registerInfo, registerBench, registerEval,
  registerConnectors, registerConnectorManagement, registerRules, registerRun, registerRuns, registerCs, registerMv, registerMvSchema, registerPreview, registerConfig, registerDemo,
  registerSetup, registerMigrate, registerScheduler, registerCycle, registerStaging, registerDeletes, registerIdentity, registerStats, registerStatus, registerEntraExtension, registerStore];
