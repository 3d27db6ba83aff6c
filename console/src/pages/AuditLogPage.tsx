import type { AuditEntryJson } from '../../../contract/campaigns';
import { call } from '../api';
import { Empty, ErrorBox, Loading } from '../components/States';
import { href, navigate } from '../router';
import { dayjs } from '../time';
import { useLoad } from '../useLoad';
import { t } from '../i18n';

const LIMIT = 200;

/** Who did what, newest first; optionally one campaign's entries only. */
export function AuditLogPage({ campaignId, editor = true }: { campaignId: string | null; editor?: boolean }) {
  const campaigns = useLoad(() => call('listCampaigns', {}), 'audit-campaigns');
  const log = useLoad(
    () => call('listAuditLog', campaignId ? { campaignId, limit: LIMIT } : { limit: LIMIT }),
    `audit:${campaignId ?? 'all'}`,
  );
  const names = new Map((campaigns.data?.campaigns ?? []).map((c) => [c.campaignId, c.name]));

  return (
    <section className='page'>
      <div className='page__header'>
        <h1>{t('Audit log')}</h1>
        <div className='page__actions'>
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
          <button type='button' className='button' onClick={() => void log.reload()} disabled={log.reloading}>
            {t('Refresh')}
          </button>
        </div>
      </div>
      {log.loading ? (
        <Loading label={t('Loading the audit log…')} />
      ) : log.error ? (
        <ErrorBox error={log.error} onRetry={() => void log.reload()} />
      ) : !log.data || log.data.entries.length === 0 ? (
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
                <th>{t('Detail')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.entries.map((entry) => (
                <AuditRow
                  key={entry.auditId}
                  editor={editor}
                  entry={entry}
                  campaignName={entry.campaignId ? names.get(entry.campaignId) : undefined}
                />
              ))}
            </tbody>
          </table>
          {log.data.entries.length >= LIMIT && <p className='muted'>{t('Showing the newest {count} entries.', { count: LIMIT })}</p>}
        </>
      )}
    </section>
  );
}

function AuditRow({ entry, campaignName, editor }: { entry: AuditEntryJson; campaignName?: string; editor: boolean }) {
  const detail = Object.keys(entry.detail ?? {}).length > 0 ? JSON.stringify(entry.detail) : '';
  return (
    <tr data-action={entry.action}>
      <td className='nowrap'>{dayjs(entry.createdAt).format('YYYY-MM-DD HH:mm:ss')}</td>
      <td>{entry.actorName}</td>
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
        <code title={detail}>{detail.length > 160 ? `${detail.slice(0, 160)}…` : detail}</code>
      </td>
    </tr>
  );
}
