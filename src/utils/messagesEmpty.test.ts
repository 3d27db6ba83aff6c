import { messagesEmptyHint } from './messagesEmpty';

describe('messagesEmptyHint', () => {
  it('points a user who may create a group at the + menu', () => {
    expect(messagesEmptyHint(true)).toContain('+ 创建小黑群');
  });
  it('never tells anyone else to tap +, only how to join', () => {
    for (const canCreate of [false, null]) {
      expect(messagesEmptyHint(canCreate)).not.toContain('+');
      expect(messagesEmptyHint(canCreate)).toContain('邀请链接');
    }
  });
});
