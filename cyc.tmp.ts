import { runCycle } from './e2e/bench/cycle-workload.ts';
const r = await runCycle({ dir: '/tmp/cyc', users: 5000, log: (m: string) => console.log(m), progress: () => {} } as never);
console.log(r.bytesAfterInitial / (r.users + r.groups));
