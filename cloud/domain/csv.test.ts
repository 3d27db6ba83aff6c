import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, commas and newlines inside quotes, CRLF and a BOM', () => {
    const text = '\ufeffa,b,c\r\n1,"x, ""y""",3\n"multi\nline",,\n\n';
    expect(parseCsv(text, 10)).toEqual({
      ok: true,
      truncated: false,
      records: [
        ['a', 'b', 'c'],
        ['1', 'x, "y"', '3'],
        ['multi\nline', '', ''],
      ],
    });
  });

  it('reads a last line without a newline', () => {
    expect(parseCsv('a,b\n1,2', 10)).toEqual({
      ok: true,
      truncated: false,
      records: [
        ['a', 'b'],
        ['1', '2'],
      ],
    });
  });

  it('stops at the record limit and says so', () => {
    const text = Array.from({ length: 100 }, (_, i) => `${i},x`).join('\n');
    const result = parseCsv(text, 10);
    expect(result).toMatchObject({ ok: true, truncated: true });
    if (result.ok) expect(result.records).toHaveLength(10);
  });

  it('refuses an unterminated quote', () => {
    expect(parseCsv('a,b\n"open,2\n', 10)).toMatchObject({ ok: false });
  });
});
