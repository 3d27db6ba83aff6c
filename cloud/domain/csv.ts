/**
 * A small RFC 4180 reader (quoted fields, doubled quotes, CRLF or LF) for operator catalog
 * imports. Bounded: it stops reading after `maxRecords`, so an oversized file costs no more
 * than the limit.
 */
export type CsvResult = { ok: true; records: string[][]; truncated: boolean } | { ok: false; reason: string };

export function parseCsv(text: string, maxRecords: number): CsvResult {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark from spreadsheet exports

  const endRecord = () => {
    record.push(field);
    field = '';
    // Blank lines carry no product.
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };

  for (; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') inQuotes = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      endRecord();
      if (records.length > maxRecords) return { ok: true, records: records.slice(0, maxRecords), truncated: true };
    } else field += ch;
  }
  if (inQuotes) return { ok: false, reason: `引号没有闭合（从第 ${line} 行之前开始）` };
  if (field !== '' || record.length > 0) endRecord();
  if (records.length > maxRecords) return { ok: true, records: records.slice(0, maxRecords), truncated: true };
  return { ok: true, records, truncated: false };
}
