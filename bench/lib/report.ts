import fs from 'node:fs';
import os from 'node:os';
import type { CpuProcesses } from './cpu';

export interface BenchTarget {
  url: string;
  appId: string;
  appKey: string;
  masterKey: string;
  engine: string;
  /** The processes whose CPU time a benchmark reports. */
  cpu: CpuProcesses;
}

export interface Section {
  title: string;
  settings: string;
  rows: Array<Record<string, string | number>>;
  notes: string[];
}

function table(rows: Section['rows']): string {
  if (rows.length === 0) return '_no rows_';
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [line(columns), line(columns.map(() => '---')), ...rows.map((r) => line(columns.map((c) => r[c] ?? '')))].join('\n');
}

export function machineDescription(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

/** Writes the whole benchmark document: machine, settings and every section of this run. */
export function writeReport(file: string, sections: Section[], preamble: string[]): void {
  const body = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts); every number below comes from one run on one machine,',
    'so the side-by-side ratios are the meaningful part — these machines are noisy.',
    '',
    `- Run: ${new Date().toISOString()}`,
    `- Machine: ${machineDescription()}`,
    ...preamble.map((p) => `- ${p}`),
    '',
    ...sections.flatMap((s) => [
      `## ${s.title}`,
      '',
      `Settings: ${s.settings}`,
      '',
      table(s.rows),
      '',
      ...s.notes.map((n) => `- ${n}`),
      '',
    ]),
  ].join('\n');
  fs.writeFileSync(file, body);
}
