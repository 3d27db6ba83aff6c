import { useState } from 'react';
import type { AuditEntryJson } from '../../../contract/campaigns';
import { call } from '../api';
import { Empty, ErrorBox, Loading } from '../components/States';
import { t, type MessageKey } from '../i18n';
import { href, navigate } from '../router';
import { dayjs } from '../time';
import { useLoad } from '../useLoad';
import { usePaged } from '../usePaged';

const PAGE = 50;

/** The kinds of entries, as the filter offers them (`kind` of `<kind>.<verb>`). */
const KINDS: Array<[string, MessageKey]> = [
  ['campaign', 'Campaigns'],
  ['coupon', 'Coupons'],
  ['deal', 'Group deals'],
  ['product', 'Products'],
  ['user', 'Users'],
  ['split', 'Pool splits'],
  ['grand_prize', 'Grand prize'],
  ['commerce', 'Commerce expiry'],
  ['payment', 'Payments'],
];

/** A value as a short text: strings as they are, everything else as JSON; long ones cut. */
function shown(value: unknown): string {
  if (value === undefined || value === null) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** Who did what, newest first, with each change's before and after; filtered by campaign, actor and kind. */
export function AuditLogPage({ campaignId, editor = true }: { campaignId: string | null; editor?: boolean }) {
  const campaigns = useLoad(() => call('listCampaigns', {}), 'audit-campaigns');
  // "" all; "master" entries made with the master key; otherwise a user id.
  const [actor, setActor] = useState('');
  const [kind, setKind] = useState('');
  // Everyone seen in the log so far, so a filter does not lose the names it offers.
  const [actors, setActors] = useState<Map<string, string>>(() => new Map());
  const log = usePaged(
    async (cursor) => {
      const page = await call('listAuditLog', {
        limit: PAGE,
        ...(campaignId ? { campaignId } : {}),
        ...(actor === 'master' ? { viaMasterKey: true } : actor ? { actorId: actor } : {}),
        ...(kind ? { kind } : {}),
        ...(cursor ? { cursor } : {}),
      });
      setActors((known) => {
        const next = new Map(known);
        for (const e of page.entries) if (e.actorId) next.set(e.actorId, e.actorName);
        return next.size === known.size ? known : next;
      });
      return { rows: page.entries, nextCursor: page.nextCursor };
    },
    `audit:${campaignId ?? 'all'}:${actor}:${kind}`,
  );
  const names = new Map((campaigns.data?.campaigns ?? []).map((c) => [c.campaignId, c.name]));

  return (
    <section className='page'>
      <div className='page__header'>
        <h1>{t('Audit log')}</h1>
        <div className='page__actions'>
          <button type='button' className='button' onClick={() => void log.reload()} disabled={log.reloading}>
            {t('Refresh')}
          </button>
        </div>
      </div>
      <div className='filters'>
        <label className='inline-field'>
          {t('Campaign')}
          <select
            id='audit-campaign'
            value={campaignId ?? ''}
            onChange={(e) => navigate({ page: 'audit', campaignId: e.target.value || null })}
          >
            <option value=''>{t('All campaigns')}</option>
            {(campaigns.data?.campaigns ?? []).map((c) => (
              <option key={c.campaignId} value={c.campaignId}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className='inline-field'>
          {t('Who')}
          <select id='audit-actor' value={actor} onChange={(e) => setActor(e.target.value)}>
            <option value=''>{t('Everyone')}</option>
            <option value='master'>{t('Operators (master key)')}</option>
            {[...actors].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className='inline-field'>
          {t('Kind')}
          <select id='audit-kind' value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value=''>{t('All kinds')}</option>
            {KINDS.map(([value, label]) => (
              <option key={value} value={value}>
                {t(label)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {log.loading ? (
        <Loading label={t('Loading the audit log…')} />
      ) : log.error ? (
        <ErrorBox error={log.error} onRetry={() => void log.reload()} />
      ) : log.rows.length === 0 ? (
        <Empty title={t('Nothing recorded yet')}>
          {t('Saving, publishing, pausing, resuming and ending campaigns, and user imports, are recorded here.')}
        </Empty>
      ) : (
        <>
          <table className='table' id='audit-table'>
            <thead>
              <tr>
                <th>{t('When')}</th>
                <th>{t('Who')}</th>
                <th>{t('Action')}</th>
                <th>{t('Campaign')}</th>
                <th>{t('Before → after')}</th>
              </tr>
            </thead>
            <tbody>
              {log.rows.map((entry) => (
                <AuditRow
                  key={entry.auditId}
                  editor={editor}
                  entry={entry}
                  campaignName={entry.campaignId ? names.get(entry.campaignId) : undefined}
                />
              ))}
            </tbody>
          </table>
          {log.hasMore && (
            <button type='button' className='button' id='audit-more' disabled={log.loadingMore} onClick={() => void log.loadMore()}>
              {log.loadingMore ? t('Loading…') : t('Load more')}
            </button>
          )}
          {log.moreError && <ErrorBox error={log.moreError} />}
        </>
      )}
    </section>
  );
}

function AuditRow({ entry, campaignName, editor }: { entry: AuditEntryJson; campaignName?: string; editor: boolean }) {
  const { before: _before, after: _after, ...rest } = entry.detail ?? {};
  const detail = Object.keys(rest).length > 0 ? JSON.stringify(rest) : '';
  return (
    <tr data-action={entry.action}>
      <td className='nowrap'>{dayjs(entry.createdAt).format('YYYY-MM-DD HH:mm:ss')}</td>
      <td>
        {entry.actorName}
        {entry.viaMasterKey && <div className='muted'>{t('master key')}</div>}
      </td>
      <td>
        <code>{entry.action}</code>
      </td>
      <td>
        {entry.campaignId ? (
          <a href={href({ page: editor ? 'editor' : 'stats', campaignId: entry.campaignId })}>{campaignName ?? entry.campaignId}</a>
        ) : (
          <span className='muted'>—</span>
        )}
      </td>
      <td className='detail'>
        {entry.changes.length > 0 && (
          <ul className='diff' data-changes={entry.changes.length}>
            {entry.changes.map((c) => (
              <li key={c.path} data-path={c.path}>
                <code>{c.path}</code>: <span className='diff__before'>{shown(c.before)}</span> →{' '}
                <span className='diff__after'>{shown(c.after)}</span>
              </li>
            ))}
          </ul>
        )}
        {detail && <code title={detail}>{detail.length > 160 ? `${detail.slice(0, 160)}…` : detail}</code>}
      </td>
    </tr>
  );
}
