// The scenarios by name (for the replay script and the benchmark).
import { createFilesScenario } from './files-scenario.ts';
import { createLdapScenario } from './ldap-scenario.ts';
import type { ScenarioFactory } from './scenario.ts';

export const scenarioFactories: Readonly<Record<'files' | 'ldap', ScenarioFactory>> = { files: createFilesScenario, ldap: createLdapScenario };
