// The requests waiting for a worker, and which goes next. One a guest is
// waiting on goes first. Otherwise components take turns, the one served
// least recently first, each component's requests in the order they came.
// A burst of slow requests to one component then fills that component's
// turns only: a worker runs one WASI 0.2 request at a time, and in order of
// arrival a page would wait for the whole burst. Spin runs every request at
// once, interleaved, so there it waits for a share of the burst instead.

export interface Queued {
  component: string;
  /** A guest is waiting for it: it goes ahead of the rest. */
  urgent?: boolean;
}

export class RequestQueue<J extends Queued> {
  /** Urgent requests first, newest first, then the rest in the order they came. */
  private readonly jobs: J[] = [];
  /** When each component was last given a worker, as a count of the requests placed. */
  private readonly lastServed = new Map<string, number>();
  private placed = 0;

  push(job: J): void {
    if (job.urgent) this.jobs.unshift(job);
    else this.jobs.push(job);
  }

  /** Takes `job` out without serving it; false if it was not queued. */
  remove(job: J): boolean {
    const at = this.jobs.indexOf(job);
    if (at < 0) return false;
    this.jobs.splice(at, 1);
    return true;
  }

  /** The request to place next, left queued until `take`. */
  next(): J | undefined {
    const first = this.jobs[0];
    if (first === undefined || first.urgent) return first;
    let chosen = first;
    let chosenServed = this.lastServed.get(first.component) ?? -1;
    for (const job of this.jobs) {
      const served = this.lastServed.get(job.component) ?? -1;
      // Strictly less: of one component, or of components never served, the oldest.
      if (served < chosenServed) [chosen, chosenServed] = [job, served];
    }
    return chosen;
  }

  /** `job` has a worker. */
  take(job: J): void {
    this.remove(job);
    this.lastServed.set(job.component, this.placed++);
  }
}
