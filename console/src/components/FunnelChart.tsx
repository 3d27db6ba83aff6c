import { percent } from '../money';
import { t } from '../i18n';

interface FunnelRow {
  id: string;
  label: string;
  explanation: string;
  value: number;
  benchmark: number;
}

/**
 * The share → response funnel beside the brief's figures: 41% of young women share fashion
 * news with friends; 68% of those who receive a share respond.
 */
export function FunnelChart({
  shareRate,
  responseRate,
  benchmarkShareRate,
  benchmarkResponseRate,
  members,
  shares,
  sharesWithResponse,
}: {
  shareRate: number;
  responseRate: number;
  benchmarkShareRate: number;
  benchmarkResponseRate: number;
  members: number;
  shares: number;
  sharesWithResponse: number;
}) {
  const rows: FunnelRow[] = [
    {
      id: 'funnel-share',
      label: t('Share rate'),
      explanation: t('members who shared at least once (of {members} members)', { members }),
      value: shareRate,
      benchmark: benchmarkShareRate,
    },
    {
      id: 'funnel-response',
      label: t('Response rate'),
      explanation: t('{responded} of {shares} shares got a want, a purchase or a join', { responded: sharesWithResponse, shares }),
      value: responseRate,
      benchmark: benchmarkResponseRate,
    },
  ];
  return (
    <figure className='chart funnel' id='funnel'>
      <figcaption>{t('Share → response funnel vs the brief')}</figcaption>
      {rows.map((row) => {
        const width = Math.max(0, Math.min(1, Number.isFinite(row.value) ? row.value : 0)) * 100;
        return (
          <div className='funnel__row' key={row.id} id={row.id}>
            <div className='funnel__head'>
              <strong>{row.label}</strong>
              <span className='funnel__value'>{percent(row.value)}</span>
              <span className='funnel__benchmark'>{t('brief: {percent}', { percent: percent(row.benchmark, 0) })}</span>
            </div>
            <div className='funnel__track'>
              <div className='funnel__bar' style={{ width: `${width}%` }} />
              <div
                className='funnel__marker'
                style={{ left: `${row.benchmark * 100}%` }}
                title={t('brief: {percent}', { percent: percent(row.benchmark, 0) })}
              />
            </div>
            <div className='funnel__explanation'>{row.explanation}</div>
          </div>
        );
      })}
    </figure>
  );
}
