import { z } from 'zod';
import { fields, paramsError } from './validation';

describe('param validation', () => {
  const schema = z.object({ name: z.string().trim().min(1, '不能为空'), requestId: fields.requestId }).strict();

  it('names the field and the rule', () => {
    const result = schema.safeParse({ name: '  ', requestId: 'abc' });
    expect(result.success).toBe(false);
    if (result.success) return;
    const error = paramsError(result.error);
    expect(error.code).toBe(142);
    expect(error.status).toBe(400);
    expect(error.message).toContain('name: 不能为空');
    expect(error.message).toContain('requestId: requestId must be 8-64 characters');
  });

  it('names unknown fields', () => {
    const result = schema.safeParse({ name: 'a', requestId: 'abcdefgh', gender: 'female' });
    expect(result.success).toBe(false);
    if (!result.success) expect(paramsError(result.error).message).toContain('unknown field(s) gender');
  });

  it('accepts good params', () => {
    expect(schema.parse({ name: ' 小黑群 ', requestId: 'req-12345' })).toEqual({ name: '小黑群', requestId: 'req-12345' });
  });
});
