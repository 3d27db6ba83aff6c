import type { ReactNode } from 'react';
import { t } from '../i18n';
import { cellText, type Column } from '../paymentColumns';
import { ToneBadge } from './ToneBadge';

/** A cell drawn from its column: ids in monospace, amounts and counts right-aligned, statuses as badges. */
function Cell<T>({ column, row, timeZone }: { column: Column<T>; row: T; timeZone: string }) {
  const tone = column.tone?.(row) ?? null;
  const classes = [
    column.kind === 'money' || column.kind === 'count' ? 'num' : '',
    column.kind === 'time' ? 'nowrap' : '',
    column.key === 'reason' || column.key === 'fail_reason' ? 'wrap' : '',
    tone ? `cell--${tone}` : '',
  ].filter(Boolean);
  const text = cellText(column, row, timeZone);
  let content: ReactNode = text;
  if (column.kind === 'status') content = <ToneBadge status={column.status(row)} />;
  else if (column.kind === 'id') content = column.value(row) === null ? <span className='muted'>—</span> : <code>{text}</code>;
  return (
    <td className={classes.join(' ') || undefined} data-col={column.key}>
      {content}
    </td>
  );
}

/** Rows under column definitions (the same definitions write the CSV); scrolls sideways when wide. */
export function DataTable<T>({
  id,
  columns,
  rows,
  rowKey,
  timeZone,
  rowClass,
  footer,
}: {
  id: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey(row: T): string;
  timeZone: string;
  rowClass?(row: T): string | undefined;
  footer?: ReactNode;
}) {
  return (
    <div className='table-scroll'>
      <table className='table table--compact' id={id}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} className={c.kind === 'money' || c.kind === 'count' ? 'num' : undefined}>
                {t(c.title)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} data-id={rowKey(row)} className={rowClass?.(row)}>
              {columns.map((c) => (
                <Cell key={c.key} column={c} row={row} timeZone={timeZone} />
              ))}
            </tr>
          ))}
        </tbody>
        {footer && <tfoot>{footer}</tfoot>}
      </table>
    </div>
  );
}
