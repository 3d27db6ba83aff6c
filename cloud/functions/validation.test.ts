import { z } from 'zod';
import { fields, ISSUES_IN_ANSWER_MAX, paramsError } from './validation';

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
    if (!result.success) expect(paramsError(result.error).message).toContain('未知字段 gender');
  });

  it('lists the fields as data beside the message, for forms', () => {
    const nested = z.object({ campaign: z.object({ money: z.object({ budgetFen: z.number().int('budgetFen must be whole fen') }) }) });
    const result = nested.safeParse({ campaign: { money: { budgetFen: 1.5 } } });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(JSON.parse(JSON.stringify(paramsError(result.error)))).toEqual({
      code: 142,
      error: '参数不正确（invalid params）— campaign.money.budgetFen: budgetFen must be whole fen',
      issues: [{ path: 'campaign.money.budgetFen', message: 'budgetFen must be whole fen' }],
    });
  });

  it('names three fields in the message and lists more, up to a limit, in issues', () => {
    const many = z.array(z.string({ invalid_type_error: 'text' }));
    const result = many.safeParse(Array.from({ length: ISSUES_IN_ANSWER_MAX + 10 }, () => 0));
    expect(result.success).toBe(false);
    if (result.success) return;
    const error = paramsError(result.error);
    expect(error.message).toBe('参数不正确（invalid params）— 0: text; 1: text; 2: text');
    expect(error.issues).toHaveLength(ISSUES_IN_ANSWER_MAX);
  });

  it('names the params as a whole "params" in the message and "" in issues', () => {
    const result = schema.safeParse('not an object');
    expect(result.success).toBe(false);
    if (result.success) return;
    const error = paramsError(result.error);
    expect(error.message).toMatch(/— params: /);
    expect(error.issues?.[0]?.path).toBe('');
  });

  it('accepts good params', () => {
    expect(schema.parse({ name: ' 小黑群 ', requestId: 'req-12345' })).toEqual({ name: '小黑群', requestId: 'req-12345' });
  });
});
