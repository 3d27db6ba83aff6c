import { StatementBatcher } from './statementBatcher';

/** A statement the test finishes when it chooses, recording the batches it was given. */
function controlledRun() {
  const batches: number[][] = [];
  const finishers: Array<(fail?: Error) => void> = [];
  const run = (questions: number[]) => {
    batches.push(questions);
    return new Promise<string[]>((resolve, reject) => {
      finishers.push((fail) => (fail ? reject(fail) : resolve(questions.map((q) => `answer ${q}`))));
    });
  };
  return { batches, finish: (i: number, fail?: Error) => finishers[i]!(fail), run };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('StatementBatcher', () => {
  it('sends a lone question at once, and questions asked while it runs together in the next statement', async () => {
    const { batches, finish, run } = controlledRun();
    const batcher = new StatementBatcher(run);
    const first = batcher.ask(1);
    expect(batches).toEqual([[1]]);
    const waiting = [batcher.ask(2), batcher.ask(3), batcher.ask(4)];
    // Asked after the first statement started: they must not ride on it.
    expect(batches).toEqual([[1]]);
    finish(0);
    expect(await first).toBe('answer 1');
    await settle();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finish(1);
    expect(await Promise.all(waiting)).toEqual(['answer 2', 'answer 3', 'answer 4']);
  });

  it('caps a batch, fails only the batch whose statement failed, and goes on afterwards', async () => {
    const { batches, finish, run } = controlledRun();
    const batcher = new StatementBatcher(run, 2);
    const first = batcher.ask(1);
    const rest = [batcher.ask(2), batcher.ask(3), batcher.ask(4)];
    finish(0, new Error('database away'));
    await expect(first).rejects.toThrow('database away');
    await settle();
    expect(batches).toEqual([[1], [2, 3]]);
    finish(1);
    await settle();
    expect(batches).toEqual([[1], [2, 3], [4]]);
    finish(2);
    expect(await Promise.all(rest)).toEqual(['answer 2', 'answer 3', 'answer 4']);
    const later = batcher.ask(5);
    expect(batches.at(-1)).toEqual([5]);
    finish(3);
    expect(await later).toBe('answer 5');
  });
});
