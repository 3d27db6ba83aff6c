import type { AuditEntryJson, CampaignInputJson, CampaignJson } from '../../../contract/campaigns';
import { auditChanges } from '../../domain/auditDiff';
import type { AuditRow } from '../../store/audit';
import { DEFAULT_PAGE, DEFAULT_RULES, type CampaignAdminRow } from '../../store/campaigns';

/** The published (live) side of a campaign, as a marketer's input; defaults fill what it leaves out. */
export function liveInput(row: CampaignAdminRow): CampaignInputJson {
  return {
    campaignId: row.id,
    slug: row.slug,
    name: row.name,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    timeZone: row.time_zone,
    rules: { ...DEFAULT_RULES, ...row.rules },
    money: row.config,
    page: { ...DEFAULT_PAGE, ...row.page },
  };
}

/** The campaign as the console sees it: the draft when there is one, else the live version. */
export function campaignJson(row: CampaignAdminRow, side: 'draft' | 'live' = 'draft'): CampaignJson {
  const input = side === 'draft' && row.draft ? row.draft : liveInput(row);
  return {
    ...input,
    campaignId: row.id,
    status: row.status,
    version: row.version,
    hasUnpublishedChanges: row.draft !== null && row.status !== 'draft',
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
    endedAt: row.ended_at?.toISOString() ?? null,
  };
}

export function auditEntryJson(row: AuditRow): AuditEntryJson {
  return {
    auditId: String(row.id),
    campaignId: row.campaign_id,
    actorId: row.actor_id,
    actorName: row.actor_name,
    viaMasterKey: row.via_master_key,
    action: row.action,
    kind: row.kind,
    detail: row.detail,
    changes: auditChanges(row.detail),
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * What the audit log records of a campaign before and after a change: the side the change is
 * about (the draft for a save, the live version otherwise) with its state. Volatile columns
 * (updatedAt) are left out, so the diff shows what the marketer changed.
 */
export function campaignAuditSnapshot(row: CampaignAdminRow, side: 'draft' | 'live'): Record<string, unknown> {
  const { updatedAt: _updatedAt, createdAt: _createdAt, hasUnpublishedChanges: _pending, ...rest } = campaignJson(row, side);
  return rest;
}
