import { BackupError, backupDatabase, formatBytes, targetFromEnv } from '../backup';
import { loadDotEnv } from '../config';

/**
 * `npm run backup -- <file>`: backs up the configured database (DATABASE_URL: a PostgreSQL server,
 * with pg_dump; unset: the embedded database in DATA_DIR, which no host may have open).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((arg) => !arg.startsWith('--'));
  if (!file || args.includes('--help')) {
    console.error(
      'usage: npm run backup -- <file>\n  DATABASE_URL set: pg_dump -Fc of that database; unset: the embedded database in DATA_DIR (stop the host first)',
    );
    process.exit(2);
  }
  loadDotEnv();
  const report = await backupDatabase(targetFromEnv(), file);
  const what = report.engine === 'postgres' ? `PostgreSQL database ${report.source}` : `embedded database in ${report.source}`;
  console.log(
    [
      `Backed up the ${what} to ${report.file}`,
      `  size:   ${formatBytes(report.bytes)} (${report.bytes} bytes)`,
      `  tables: ${report.tables}, ${report.rows} rows${report.engine === 'postgres' ? ' (counted just after the dump; the dump itself is one consistent snapshot)' : ''}`,
      `  time:   ${(report.elapsedMs / 1000).toFixed(1)} s`,
      ...report.notes.map((note) => `  note:   ${note}`),
    ].join('\n'),
  );
}

main().catch((error) => {
  console.error(`The backup failed: ${error instanceof BackupError ? error.message : error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
