import crypto from 'node:crypto';
import { inlineScriptHashes, pagePolicy } from './defences';

describe('page policy', () => {
  it('allows inline scripts by their hash only, and external ones not at all', () => {
    const inline = '!function(n){n.x=1}(window);';
    const html = `<head><script>${inline}</script><script defer="defer" src="./js/app.js"></script></head>`;
    const expected = `sha256-${crypto.createHash('sha256').update(inline).digest('base64')}`;
    expect(inlineScriptHashes(html)).toEqual([expected]);
    const policy = pagePolicy([expected]);
    expect(policy).toContain(`script-src 'self' '${expected}'`);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/script-src[^;]*(unsafe|https:)/);
  });
});
