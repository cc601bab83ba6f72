/**
 * Runs async tasks one at a time, in call order. better-sqlite3 has one connection, so an
 * async transaction must not let another one's statements in between its own.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    // The queue only orders; the caller sees the outcome through `result`.
    this.tail = result.then(settled, settled);
    return result;
  }

  /** Settles once every task queued so far has. */
  idle(): Promise<void> {
    return this.tail;
  }
}

const settled = (): void => undefined;
