/**
 * Server validation (142) names the failing fields, e.g.
 * `参数不正确（invalid params）— campaign.money.shareReward.minFen: must be at least 1; page.title: required`.
 * The editor shows each message beside the field whose path matches, the rest at the top.
 */
export interface FieldIssue {
  /** Contract path inside CampaignInputJson, e.g. "money.shareReward.minFen"; "" when none. */
  path: string;
  message: string;
}

export type FieldErrors = Record<string, string[]>;

/** "campaign.money.split.dailyAt[1]" → "money.split.dailyAt.1" */
export function normalisePath(path: string): string {
  return path
    .trim()
    .replace(/\[(\w+)\]/g, '.$1')
    .replace(/^params\.?/, '')
    .replace(/^campaign\.?/, '');
}

const ISSUE = /^([A-Za-z_][\w]*(?:(?:\.[\w]+)|(?:\[\w+\]))*)\s*:\s*([\s\S]+)$/;

/** Splits a 142 message into field issues; a message without field names becomes one issue with path "". */
export function parseIssues(message: string): FieldIssue[] {
  // The field list follows the first dash ("参数不正确（invalid params）— a.b: rule; c: rule").
  const dash = /\s*[—–]\s*|\s-\s/.exec(message);
  const body = dash ? message.slice(dash.index + dash[0].length) : message;
  // Issues are joined with "; "; a message may hold "; " itself, so split only before a field name.
  const parts = body.split(/;\s+(?=[A-Za-z_][\w.[\]]*\s*:\s)/);
  const issues: FieldIssue[] = [];
  for (const part of parts) {
    const match = ISSUE.exec(part.trim());
    if (match && (match[1].includes('.') || match[1].includes('[') || /^[a-z]+[A-Z]?\w*$/.test(match[1]))) {
      issues.push({ path: normalisePath(match[1]), message: match[2].trim() });
    } else {
      issues.push({ path: '', message: part.trim() });
    }
  }
  // Nothing recognisable: keep the whole message, as the server wrote it.
  if (issues.every((i) => i.path === '')) return [{ path: '', message }];
  return issues;
}

/**
 * Places each issue at the most specific known path that it names (the path itself, or an
 * ancestor of it: "money.split.dailyAt.1" → "money.split.dailyAt"); unknown paths go to the top.
 */
export function assignIssues(issues: FieldIssue[], knownPaths: readonly string[]): { byPath: FieldErrors; top: string[] } {
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
