import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ICONS = path.resolve('src/assets/tabbar');

describe('tab bar icons', () => {
  it('are the ones scripts/tabbar-icons.mjs draws', () => {
    expect(() => execFileSync('node', [path.resolve('scripts/tabbar-icons.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('are 81×81 PNG files, a grey and an orange one for each tab, well under WeChat’s 40 KB', () => {
    const files = fs.readdirSync(ICONS).sort();
    expect(files).toEqual(['groups-active.png', 'groups.png', 'me-active.png', 'me.png', 'messages-active.png', 'messages.png']);
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(ICONS, file));
      expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([81, 81]);
      expect(bytes.length).toBeLessThan(40 * 1024);
    }
  });
});
