import fs from 'node:fs';
import path from 'node:path';

/**
 * Time in the suites passes because a test says so (an injected clock it advances), never by
 * waiting. Checked on the text of the test folder, so that a new sleep fails here at once.
 */
const TEST_ROOT = path.resolve(__dirname, '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' || entry.name === 'artifacts' ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) && full !== __filename ? [full] : [];
  });
}

const files = sources(TEST_ROOT).map((file) => ({ file: path.relative(TEST_ROOT, file), text: fs.readFileSync(file, 'utf8') }));

function offending(pattern: RegExp, allowed: (line: string, file: string) => boolean = () => false): string[] {
  return files.flatMap(({ file, text }) =>
    text.split('\n').flatMap((line, i) => (pattern.test(line) && !allowed(line, file) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('time in the test suites', () => {
  it('is never waited out with a fixed pause', () => {
    expect(offending(/\bwaitForTimeout\s*\(|\bsleep\s*\(|\bdelay\s*\(/)).toEqual([]);
  });

  it('waits on a timer in integration and end-to-end tests only to poll for a condition', () => {
    // A poll re-checks a condition in a loop (`while (!done()) await …setTimeout…`); the support
    // helpers and the mini-program simulator (which implements wx's own timers) live elsewhere.
    const inSuites = (file: string) => file.startsWith(`integration${path.sep}`) || file.startsWith(`e2e${path.sep}`);
    const found = offending(/(?<!jest\.)\bsetTimeout\s*\(/, (line, file) => !inSuites(file) || /\bwhile\s*\(/.test(line));
    expect(found).toEqual([]);
  });

  it('runs every in-process integration host on a clock the test controls', () => {
    // A host started in this process is given its clock in the call; hosts run as child processes
    // (support/hostProcess.ts) keep the system clock, which a test cannot move.
    const wallClock = offending(
      /\b(startTestHost|createHost)\(/,
      (line, file) => !file.startsWith(`integration${path.sep}`) || /\bclock\b/.test(line),
    );
    expect(wallClock).toEqual([]);
  });
});
