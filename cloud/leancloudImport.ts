import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { exportLineKind, MAX_EXPORT_LINE_CHARS, parseLeanCloudUser, type LeanCloudUser } from './domain/leancloudUser';
import { appendAudit } from './store/audit';
import type { Store } from './store/store';
import { importLeanCloudUsers, type LeanCloudUserRow } from './store/users';

/** Users written per transaction: big enough to amortise round trips, small enough to stay short. */
export const IMPORT_BATCH_USERS = 1000;
/** Skipped lines listed in the report one by one; beyond that only counted. */
export const MAX_REPORTED_LINES = 1000;
/** Export files of the user class: `_User.jsonl`, `_User.0.jsonl`, `_User-2026-12-01.jsonl` … */
export const USER_EXPORT_FILE = /^_User.*\.jsonl$/;

export interface ImportLine {
  file: string;
  line: number;
  objectId: string | null;
  reason: string;
}

export interface LeanCloudImportReport {
  files: string[];
  records: number;
  imported: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** Skipped lines with their reasons (the first MAX_REPORTED_LINES). */
  skippedLines: ImportLine[];
  /** Users imported with an adjustment worth knowing (a nickname shortened, a login not linked). */
  noted: ImportLine[];
}

function toRow(user: LeanCloudUser): LeanCloudUserRow {
  const identities: LeanCloudUserRow['identities'] = [];
  if (user.weappOpenId) identities.push({ provider: 'lc_weapp', uid: user.weappOpenId });
  if (user.weappUnionId) identities.push({ provider: 'lc_weapp_union', uid: user.weappUnionId });
  if (user.alipayUid) identities.push({ provider: 'lc_alipay', uid: user.alipayUid });
  return { ...user, identities };
}

/**
 * Imports a LeanCloud console data export (the `_User*.jsonl` files of `folder`) into the store.
 * Bad lines are reported, never fatal; re-running it imports nothing twice (see
 * importLeanCloudUsers for what "twice" means for a record already here).
 */
export async function importLeanCloudExport(
  store: Store,
  folder: string,
  options: { now: () => Date; onProgress?: (report: LeanCloudImportReport) => void },
): Promise<LeanCloudImportReport> {
  const files = fs
    .readdirSync(folder)
    .filter((name) => USER_EXPORT_FILE.test(name))
    .sort();
  if (files.length === 0) throw new Error(`no _User*.jsonl files in ${folder}: export the _User class from the LeanCloud console as JSONL`);

  const report: LeanCloudImportReport = {
    files,
    records: 0,
    imported: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    skippedLines: [],
    noted: [],
  };
  const skip = (entry: ImportLine) => {
    report.skipped += 1;
    if (report.skippedLines.length < MAX_REPORTED_LINES) report.skippedLines.push(entry);
  };
  // The first record of an objectId or a username wins; a later one in the same export is a conflict.
  const seenIds = new Set<string>();
  const seenUsernames = new Set<string>();
  let batch: Array<{ row: LeanCloudUserRow; file: string; line: number; notes: string[] }> = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    const outcomes = await store.transaction((tx) =>
      importLeanCloudUsers(
        tx,
        current.map((entry) => entry.row),
        options.now(),
      ),
    );
    outcomes.forEach((result, i) => {
      const entry = current[i]!;
      if (result.outcome === 'skipped')
        return skip({ file: entry.file, line: entry.line, objectId: result.objectId, reason: result.reason });
      report[result.outcome] += 1;
      const notes = [...entry.notes, ...result.notes];
      if (notes.length > 0 && report.noted.length < MAX_REPORTED_LINES) {
        report.noted.push({ file: entry.file, line: entry.line, objectId: result.objectId, reason: notes.join('; ') });
      }
    });
    options.onProgress?.(report);
  };

  for (const file of files) {
    const lines = readline.createInterface({
      input: fs.createReadStream(path.join(folder, file), { encoding: 'utf8' }),
      crlfDelay: Infinity,
    });
    let lineNo = 0;
    for await (const text of lines) {
      lineNo += 1;
      if (exportLineKind(text) === 'skip') continue;
      report.records += 1;
      const at = { file, line: lineNo };
      if (text.length > MAX_EXPORT_LINE_CHARS) {
        skip({ ...at, objectId: null, reason: `line longer than ${MAX_EXPORT_LINE_CHARS} characters` });
        continue;
      }
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch {
        skip({ ...at, objectId: null, reason: 'not valid JSON' });
        continue;
      }
      const parsed = parseLeanCloudUser(record);
      if (!parsed.ok) {
        skip({ ...at, objectId: parsed.objectId, reason: parsed.reason });
        continue;
      }
      const { user } = parsed;
      if (seenIds.has(user.objectId)) {
        skip({ ...at, objectId: user.objectId, reason: 'this objectId appears on an earlier line' });
        continue;
      }
      if (seenUsernames.has(user.username)) {
        skip({ ...at, objectId: user.objectId, reason: `username ${user.username} appears on an earlier line` });
        continue;
      }
      seenIds.add(user.objectId);
      seenUsernames.add(user.username);
      batch.push({ row: toRow(user), ...at, notes: user.notes });
      if (batch.length >= IMPORT_BATCH_USERS) await flush();
    }
  }
  await flush();
  // The operator's command line holds the database's keys: recorded like the master key.
  await appendAudit(store, {
    campaignId: null,
    actorId: null,
    actorName: 'operator (import:leancloud)',
    viaMasterKey: true,
    action: 'user.import_leancloud',
    detail: {
      files,
      before: null,
      after: {
        records: report.records,
        imported: report.imported,
        updated: report.updated,
        unchanged: report.unchanged,
        skipped: report.skipped,
      },
    },
    now: options.now(),
  });
  return report;
}
