// Component stdout and stderr, as Spin keeps them: one file per component
// and stream, `<component>_stdout.txt` and `<component>_stderr.txt`.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

export class ComponentLogs {
  private readonly files = new Map<string, WriteStream>();

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  write(component: string, stream: 'stdout' | 'stderr', bytes: Uint8Array): void {
    const name = `${component}_${stream}.txt`;
    let file = this.files.get(name);
    if (!file) {
      file = createWriteStream(join(this.dir, name), { flags: 'a' });
      this.files.set(name, file);
    }
    file.write(bytes);
  }

  async close(): Promise<void> {
    await Promise.all([...this.files.values()].map((file) => new Promise<void>((resolve) => file.end(resolve))));
  }
}
