// Writes generated identities to a file: npx tsx e2e/env/generate/main.ts --users 10000 --format csv --out FILE
import { Command, Option } from 'commander';
import { writeEntraSeed } from './entra-seed.ts';
import { writeCsv, writeJson } from './hr-files.ts';
import { writeLdif } from './ldif-out.ts';

const program = new Command('generate')
  .description('Write deterministic identity test data')
  .requiredOption('--out <file>', 'output file')
  .option('--users <n>', 'number of users', '1000')
  .option('--seed <n>', 'seed; the same seed gives byte-identical output', '1')
  .addOption(new Option('--format <format>', 'output format').choices(['ldif', 'ldif-ad', 'csv', 'json', 'entra']).default('ldif'))
  .option('--domain <domain>', 'mail and UPN domain', 'example.com')
  .option('--suffix <dn>', 'LDIF suffix (default dc=example,dc=com)')
  .option('--groups-per-users <n>', 'one project group per this many users', '100')
  .option('--large-groups <n>', 'number of very large groups', '2')
  .option('--top-containers', 'LDIF: also write the people and groups containers');

const opts = program.parse().opts<{
  out: string;
  users: string;
  seed: string;
  format: string;
  domain: string;
  suffix?: string;
  groupsPerUsers: string;
  largeGroups: string;
  topContainers?: boolean;
}>();

const integer = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) program.error(`--${name} must be a non-negative integer, got "${text}"`);
  return n;
};
const options = {
  seed: integer('seed', opts.seed),
  users: integer('users', opts.users),
  groupsPerUsers: Math.max(1, integer('groups-per-users', opts.groupsPerUsers)),
  largeGroups: integer('large-groups', opts.largeGroups),
  domain: opts.domain,
};
const started = Date.now();
const counts =
  opts.format === 'csv'
    ? await writeCsv(opts.out, options)
    : opts.format === 'json'
      ? await writeJson(opts.out, options)
      : opts.format === 'entra'
        ? await writeEntraSeed(opts.out, options)
        : await writeLdif(opts.out, { ...options, flavour: opts.format === 'ldif-ad' ? 'ad' : 'inetOrgPerson', suffix: opts.suffix, includeTopContainers: opts.topContainers });
console.log(JSON.stringify({ out: opts.out, format: opts.format, ...counts, seconds: (Date.now() - started) / 1000 }));
