import type { ParamIssueJson } from '../../contract/errors';

/**
 * Where the editor shows a message. Server validation (142) lists the failing fields in its
 * answer's `issues` ({path: "campaign.money.budgetFen", message}); the form's own checks name the
 * same contract paths. Each message shows beside the field whose path matches, the rest at the top.
 */
export interface FieldIssue {
  /** Contract path inside CampaignInputJson, e.g. "money.shareReward.minFen"; "" when none. */
  path: string;
  message: string;
}

export type FieldErrors = Record<string, string[]>;

/** "campaign.money.split.dailyAt[1]" → "money.split.dailyAt.1" (the path inside the draft). */
export function normalisePath(path: string): string {
  return path
    .trim()
    .replace(/\[(\w+)\]/g, '.$1')
    .replace(/^params\.?/, '')
    .replace(/^campaign\.?/, '');
}

/**
 * Places each issue at the most specific known path that it names (the path itself, or an
 * ancestor of it: "money.split.dailyAt.1" → "money.split.dailyAt"); unknown paths go to the top.
 */
export function assignIssues(issues: readonly FieldIssue[], knownPaths: readonly string[]): { byPath: FieldErrors; top: string[] } {
  const byPath: FieldErrors = {};
  const top: string[] = [];
  for (const issue of issues) {
    const target = knownPaths
      .filter((known) => issue.path === known || issue.path.startsWith(`${known}.`))
      .sort((a, b) => b.length - a.length)[0];
    if (issue.path && target) (byPath[target] ??= []).push(issue.message);
    else top.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
  }
  return { byPath, top };
}

/**
 * A 142 answer placed on the form: its `issues` by field. One without issues (a body the host
 * refused before any schema ran) is shown whole at the top, as the server wrote it.
 */
export function placeServerIssues(
  issues: readonly ParamIssueJson[],
  message: string,
  knownPaths: readonly string[],
): { byPath: FieldErrors; top: string[] } {
  if (issues.length === 0) return { byPath: {}, top: [message] };
  return assignIssues(
    issues.map((issue) => ({ path: normalisePath(issue.path), message: issue.message })),
    knownPaths,
  );
}

/** The SDK copies every field of an error body onto its error: the well-formed `issues` of it. */
export function issuesOf(body: unknown): ParamIssueJson[] {
  const issues = (body as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (i): i is ParamIssueJson => typeof i === 'object' && i !== null && typeof i.path === 'string' && typeof i.message === 'string',
  );
}

/** Messages by path from several sources, in order, each path's list kept in order. */
export function mergeFieldErrors(...sources: FieldErrors[]): FieldErrors {
  const merged: FieldErrors = {};
  for (const source of sources) {
    for (const [path, messages] of Object.entries(source)) (merged[path] ??= []).push(...messages);
  }
  return merged;
}
