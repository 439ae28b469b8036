// One line per step of a benchmark run, counted against the steps it will take:
// rewritten in place on a terminal, one after another in a log.
export class Progress {
  private done = 0;
  constructor(private readonly total: number) {}
  step(text: string): void {
    this.done++;
    const line = `[${this.done}/${this.total}] ${text}`;
    if (process.stdout.isTTY) process.stdout.write(`\r${line.padEnd(100)}`);
    else console.log(line);
  }
  end(): void {
    if (process.stdout.isTTY) process.stdout.write('\n');
  }
}
