import { systemClock } from '../clock';
import { loadDotEnv, readConfig } from '../config';
import { importLeanCloudExport, type LeanCloudImportReport } from '../leancloudImport';
import { openStore } from '../store/open';

/**
 * `npm run import:leancloud -- <folder>`: imports a LeanCloud console data export into the
 * configured database (DATABASE_URL, or the embedded one in DATA_DIR) and prints a report.
 */
async function main(): Promise<void> {
  const folder = process.argv[2];
  if (!folder) {
    console.error('usage: npm run import:leancloud -- <folder with the _User*.jsonl export files>');
    process.exit(2);
  }
  loadDotEnv();
  const config = readConfig();
  const store = await openStore(config);
  const startedAt = Date.now();
  const progress = (r: LeanCloudImportReport) =>
    process.stderr.write(
      `\r${r.records} records read: ${r.imported} imported, ${r.updated} updated, ${r.unchanged} unchanged, ${r.skipped} skipped`,
    );
  try {
    const report = await importLeanCloudExport(store, folder, { now: () => systemClock.now(), onProgress: progress });
    process.stderr.write('\n');
    printReport(report, Date.now() - startedAt);
  } finally {
    await store.close();
  }
}

function printReport(report: LeanCloudImportReport, elapsedMs: number): void {
  const lines = [
    `LeanCloud import from ${report.files.join(', ')} in ${(elapsedMs / 1000).toFixed(1)} s`,
    `  records:   ${report.records}`,
    `  imported:  ${report.imported}`,
    `  updated:   ${report.updated}`,
    `  unchanged: ${report.unchanged} (already here)`,
    `  skipped:   ${report.skipped}`,
  ];
  for (const s of report.skippedLines) lines.push(`    ${s.file}:${s.line} ${s.objectId ?? '-'}: ${s.reason}`);
  if (report.skipped > report.skippedLines.length) lines.push(`    … and ${report.skipped - report.skippedLines.length} more`);
  if (report.noted.length > 0) {
    lines.push(`  imported with notes: ${report.noted.length}`);
    for (const n of report.noted) lines.push(`    ${n.file}:${n.line} ${n.objectId}: ${n.reason}`);
  }
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error('The import failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
