import { BackupError, formatBytes, restoreDatabase, targetFromEnv } from '../backup';
import { loadDotEnv } from '../config';

/**
 * `npm run restore -- <file> [--force]`: restores a backup made by `npm run backup` into the
 * configured database (DATABASE_URL, or the embedded one in DATA_DIR). It refuses a target that
 * already holds data unless --force; no host may be running on the target meanwhile.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((arg) => !arg.startsWith('--'));
  const unknown = args.filter((arg) => arg.startsWith('--') && arg !== '--force');
  if (!file || unknown.length > 0) {
    console.error(
      `${unknown.length > 0 ? `unknown option ${unknown.join(' ')}\n` : ''}usage: npm run restore -- <file> [--force]\n  into DATABASE_URL (pg_restore), or the embedded database in DATA_DIR when it is unset; --force replaces a database that is there`,
    );
    process.exit(2);
  }
  loadDotEnv();
  const report = await restoreDatabase(targetFromEnv(), file, { force: args.includes('--force') });
  const where = report.engine === 'postgres' ? `PostgreSQL database ${report.target}` : `embedded database in ${report.target}`;
  console.log(
    [
      `Restored ${report.file} (${formatBytes(report.bytes)}) into the ${where}${report.replaced ? ', replacing what was there' : ''}`,
      `  tables: ${report.tables}, ${report.rows} rows`,
      `  time:   ${(report.elapsedMs / 1000).toFixed(1)} s`,
      ...report.notes.map((note) => `  note:   ${note}`),
      '  Start the hosts on it; they apply any newer migrations at start.',
    ].join('\n'),
  );
}

main().catch((error) => {
  console.error(`The restore failed: ${error instanceof BackupError ? error.message : error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
