import { useState, type ChangeEvent } from 'react';
import type { CampaignFunctions } from '../../../contract/campaigns';
import { call, type ApiError } from '../api';
import { Empty, ErrorBox } from '../components/States';
import { describeError } from '../errorText';
import { t } from '../i18n';

type ImportResult = CampaignFunctions['importUsersCsv']['result'];

const SAMPLE = 'username,gender,taoqi,roles,nickname\nzoe,female,720,,Zoe 佐伊\nyuki,female,580,,Yuki\n';
/** The server takes at most this much in one call; bigger files are refused here already. */
const MAX_BYTES = 900_000;

/** Import shoppers (or marketers) from CSV: upsert by username; rejected rows come back with reasons. */
export function ImportUsersPage() {
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setError(t('{file} is larger than 900 KB, the most one import takes; split it into smaller files.', { file: file.name }));
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      setCsv(String(reader.result ?? '').replace(/^\ufeff/, ''));
      setFileName(file.name);
      setError(null);
      setResult(null);
    };
    reader.onerror = () => setError(t('Could not read {file}.', { file: file.name }));
    reader.readAsText(file, 'utf-8');
  };

  const submit = async () => {
    if (!csv.trim()) {
      setError(t('Paste CSV or choose a file first.'));
      return;
    }
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await call('importUsersCsv', { csv }));
    } catch (e) {
      setError(describeError(e as ApiError));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className='page'>
      <div className='page__header'>
        <h1>{t('Import users')}</h1>
      </div>
      <p className='muted'>
        {t('CSV with a header row:')} <code>username,gender,taoqi[,roles][,nickname][,password]</code>.{' '}
        {t('Gender is female, male or unknown; roles are separated by')} <code>|</code>. {t('Existing usernames are updated.')}
      </p>
      <div className='import'>
        <textarea
          id='import-csv'
          rows={12}
          value={csv}
          placeholder={SAMPLE}
          spellCheck={false}
          onChange={(e) => {
            setCsv(e.target.value);
            setFileName(null);
          }}
        />
        <div className='import__actions'>
          <label className='button'>
            {t('Choose file…')}
            <input type='file' accept='.csv,text/csv,text/plain' id='import-file' hidden onChange={onFile} />
          </label>
          {fileName && <span className='muted'>{fileName}</span>}
          <button type='button' className='button' onClick={() => setCsv(SAMPLE)}>
            {t('Insert sample')}
          </button>
          <button type='button' className='button button--primary' id='import-submit' onClick={() => void submit()} disabled={busy}>
            {busy ? t('Importing…') : t('Import')}
          </button>
        </div>
      </div>
      {error && <ErrorBox error={error} />}
      {result && <ImportReport result={result} />}
    </section>
  );
}

function ImportReport({ result }: { result: ImportResult }) {
  return (
    <div className='import-report' id='import-report'>
      <div className='tiles'>
        <div className='tile' id='import-created'>
          <span className='tile__label'>{t('Created')}</span>
          <strong className='tile__value'>{result.created}</strong>
        </div>
        <div className='tile' id='import-updated'>
          <span className='tile__label'>{t('Updated')}</span>
          <strong className='tile__value'>{result.updated}</strong>
        </div>
        <div className={`tile${result.rejected.length > 0 ? ' tile--warn' : ''}`} id='import-rejected'>
          <span className='tile__label'>{t('Rejected')}</span>
          <strong className='tile__value'>{result.rejected.length}</strong>
        </div>
      </div>
      {result.rejected.length === 0 ? (
        <Empty title={t('Every row was imported.')} />
      ) : (
        <table className='table' id='rejected-table'>
          <thead>
            <tr>
              <th className='num'>{t('Row')}</th>
              <th>{t('Username')}</th>
              <th>{t('Reason')}</th>
            </tr>
          </thead>
          <tbody>
            {result.rejected.map((r) => (
              <tr key={`${r.row}-${r.username ?? ''}`}>
                <td className='num'>{r.row}</td>
                <td>{r.username ?? <span className='muted'>—</span>}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
