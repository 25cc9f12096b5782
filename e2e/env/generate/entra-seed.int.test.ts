import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEntraEmulator, type EntraEmulator } from '../entra-emulator/index.ts';
import { seedEntraEmulator } from './entra-seed.ts';
import { IdentitySet } from './identities.ts';

let emu: EntraEmulator;
beforeAll(async () => (emu = await startEntraEmulator()));
afterAll(() => emu?.stop());

it('seeds a running emulator: its unique-value checks accept every user and group, memberships included', () => {
  const options = { seed: 4, users: 120, onPremisesSyncEnabled: true };
  const ids = seedEntraEmulator(emu.state, options);
  const set = new IdentitySet(options);
  expect(emu.state.list('user')).toHaveLength(120);
  expect(emu.state.list('group')).toHaveLength(set.groups().length);
  expect(ids.size).toBe(120 + set.groups().length);
  const user = emu.state.list('user').find((u) => u.props.employeeId === 'E0000001')!;
  expect(user.props).toMatchObject({ onPremisesSyncEnabled: true, userPrincipalName: set.userAt(0).userPrincipalName });
  const all = emu.state.list('group').find((g) => g.props.displayName === 'All Departments')!;
  expect(all.members.size).toBe(3);
  const dept = emu.state.list('group').filter((g) => String(g.props.displayName).startsWith('Dept '));
  expect(dept.reduce((n, g) => n + g.members.size, 0)).toBe(120);
});
