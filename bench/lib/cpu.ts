import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Where the CPU time of a benchmark run goes: the host process, the database server (its
 * postmaster and every child: backends, WAL writer, checkpointer) and this process (the load
 * generator, or the job itself). The host and the database are read from /proc, so Linux
 * only; elsewhere their figures are null. On two cores this says which part a throughput
 * target runs into.
 */
export interface CpuSplit {
  hostMs: number | null;
  databaseMs: number | null;
  /** No database server was named: the embedded engine runs inside the host (or the job). */
  databaseEmbedded: boolean;
  benchMs: number;
}

export interface CpuProcesses {
  hostPid?: number;
  /** The PostgreSQL server's postmaster; absent for the embedded engine (it is in the host). */
  postmasterPid?: number;
}

let ticksPerSecond: number | undefined;

/** Starts measuring; `stop` answers the CPU milliseconds each part used in between. */
export function startCpuMeter(processes: CpuProcesses): { stop(): CpuSplit } {
  const hostBefore = processes.hostPid === undefined ? null : processCpuMs(processes.hostPid);
  const databaseBefore = processes.postmasterPid === undefined ? null : treeCpuMs(processes.postmasterPid);
  const benchBefore = process.cpuUsage();
  return {
    stop() {
      const bench = process.cpuUsage(benchBefore);
      const hostAfter = processes.hostPid === undefined ? null : processCpuMs(processes.hostPid);
      return {
        hostMs: hostBefore === null || hostAfter === null ? null : hostAfter - hostBefore,
        databaseMs: databaseBefore === null ? null : treeDeltaMs(databaseBefore, treeCpuMs(processes.postmasterPid!)),
        databaseEmbedded: processes.postmasterPid === undefined,
        benchMs: (bench.user + bench.system) / 1000,
      };
    },
  };
}

/** The postmaster's pid, from the first line of its data directory's postmaster.pid. */
export function postmasterPidOf(dataDirectory: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(`${dataDirectory}/postmaster.pid`, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** CPU per unit of work, for a table cell: "0.42" ms, or "n/a" when it could not be read. */
export function perUnitMs(ms: number | null, units: number): string {
  return ms === null || units === 0 ? 'n/a' : (ms / units).toFixed(2);
}

/** The database's cell: its CPU per unit, or where its time is counted when it is embedded. */
export function databasePerUnitMs(cpu: CpuSplit, units: number, embeddedIn: string): string {
  return cpu.databaseEmbedded ? `in ${embeddedIn}` : perUnitMs(cpu.databaseMs, units);
}

/** User plus system time of one process, in ms; null when it cannot be read. */
function processCpuMs(pid: number): number | null {
  const stat = readStat(pid);
  return stat ? stat.cpuMs : null;
}

/**
 * CPU of a process and its children, per pid, so that a backend that starts during the run is
 * counted from zero and one that exits before the end drops out (its time is lost: connection
 * pools keep theirs open through a run, so this undercounts little).
 */
function treeCpuMs(rootPid: number): Map<number, number> | null {
  const root = readStat(rootPid);
  if (!root) return null;
  const tree = new Map([[rootPid, root.cpuMs]]);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.parentPid === rootPid) tree.set(Number(entry), stat.cpuMs);
  }
  return tree;
}

function treeDeltaMs(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

function readStat(pid: number): { parentPid: number; cpuMs: number } | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces: split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // Counting from field 3 (state): ppid is field 4, utime 14 and stime 15 (proc(5)).
  const parentPid = Number(fields[1]);
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { parentPid, cpuMs: (ticks * 1000) / clockTicksPerSecond() };
}

function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}
