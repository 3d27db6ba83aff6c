import { splitStatements } from './migrate';

describe('migration statements', () => {
  it('splits on semicolons at line ends, never inside comments or dollar quotes', () => {
    const sql = [
      '-- leading comment;',
      'create table a (',
      '  id int, -- the id; trailing comment',
      '  -- a comment line inside that ends with a semicolon;',
      '  name text',
      ');',
      'create function f() returns int as $$',
      '  select 1;',
      '$$ language sql;',
      'alter table a add column x int; -- why',
    ].join('\n');
    const statements = splitStatements(sql);
    expect(statements).toHaveLength(3);
    expect(statements[0]).toMatch(/^create table a \(/);
    expect(statements[0]).toContain('name text');
    expect(statements[1]).toContain('select 1;');
    expect(statements[2]).toBe('alter table a add column x int');
  });
});
