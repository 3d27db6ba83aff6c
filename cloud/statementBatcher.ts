/**
 * Many small reads of the same kind made as one statement: while one batch is at the database,
 * the reads that arrive wait and go together in the next. With nothing in flight a read goes at
 * once, so a quiet host adds no delay; under load the round trips (and the database's work per
 * statement) are shared by everyone waiting.
 *
 * A read always joins a batch that starts after it was asked for, never one already under way,
 * so it sees everything committed before it was asked: the read cache's versions keep their
 * guarantee (a change committed before a call is seen by that call).
 */
export class StatementBatcher<Question, Answer> {
  private queue: Array<{ question: Question; resolve: (answer: Answer) => void; reject: (error: unknown) => void }> = [];
  private running = false;

  constructor(
    private readonly run: (questions: Question[]) => Promise<Answer[]>,
    private readonly maxBatch = 256,
  ) {}

  ask(question: Question): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      this.queue.push({ question, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const answers = await this.run(batch.map((entry) => entry.question));
          batch.forEach((entry, i) => entry.resolve(answers[i] as Answer));
        } catch (error) {
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
