import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { databasePerUnitMs, startCpuMeter } from './cpu';

/** A fixed amount of work, so its CPU time does not depend on how the machine schedules it. */
const WORK = 'let x = 0; for (let i = 0; i < 1e8; i++) x = (x + i) % 1000003;';

function cpuMsOf(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

describe('CPU meter', () => {
  it("counts a database server's children and tells them from the host", async () => {
    // What the work costs here, measured in this process before the meter starts.
    const workMs = cpuMsOf(new Function(WORK) as () => void);
    // This process stands in for both the host and the postmaster; the child is a "backend".
    const child = spawn(process.execPath, ['-e', `${WORK}; console.log('done'); setInterval(() => {}, 1000);`]);
    try {
      const meter = startCpuMeter({ hostPid: process.pid, postmasterPid: process.pid });
      const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
      expect(chunk.toString()).toContain('done');
      const split = meter.stop();
      expect(split.databaseEmbedded).toBe(false);
      expect(split.hostMs).not.toBeNull();
      expect(split.databaseMs).not.toBeNull();
      // The tree holds this process and the child: the child's work shows on top of the host's.
      expect(split.databaseMs! - split.hostMs!).toBeGreaterThanOrEqual(workMs / 2);
      expect(split.benchMs).toBeGreaterThanOrEqual(0);
    } finally {
      child.kill();
    }
  });

  it('says where an embedded database is counted', () => {
    const split = startCpuMeter({ hostPid: process.pid }).stop();
    expect(split.databaseEmbedded).toBe(true);
    expect(split.databaseMs).toBeNull();
    expect(databasePerUnitMs(split, 100, 'host')).toBe('in host');
  });

  it('answers n/a for a process that does not exist', () => {
    // Pids are below 2^22 on Linux.
    const split = startCpuMeter({ hostPid: 2 ** 30, postmasterPid: 2 ** 30 }).stop();
    expect(split.hostMs).toBeNull();
    expect(databasePerUnitMs(split, 100, 'host')).toBe('n/a');
  });
});
