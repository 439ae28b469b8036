// Spin 4's reuse of a WASI 0.3 instance, for one component in one worker:
// an instance serves up to `maxRequests` requests (128), up to
// `maxConcurrent` at once (16); one that trapped serves no more, and one
// left idle `idleMs` (1 s) is dropped. Spin's flags set the same three
// (--max-instance-reuse-count, --max-instance-concurrent-reuse-count,
// --idle-instance-timeout). A WASI 0.2 instance serves once, as before.

export interface ReusePolicy {
  maxRequests: number;
  maxConcurrent: number;
  idleMs: number;
}

/** Spin 4.1's defaults for WASI 0.3 (DEFAULT_WASIP3_MAX_INSTANCE_REUSE_COUNT and the rest, crates/trigger-http). */
export const DEFAULT_REUSE: ReusePolicy = { maxRequests: 128, maxConcurrent: 16, idleMs: 1000 };

/**
 * The most requests one instance serves at once here, whatever
 * --max-instance-concurrent-reuse-count says: with two requests in flight in
 * a composed instance (frontend-wit-p3 with book-api-p3), the bindings
 * jco-transpile 0.15 generates trap (the guest's async runtime panics: "no
 * pending entry for handle"), where Spin serves both. A lone component runs
 * them side by side without fault, but one cap keeps the rule simple until
 * jco's bindings are fixed; requests beyond it get an instance each.
 */
const MOST_AT_ONCE = 1;

/** How many requests one instance serves at once under `policy`. */
export const atOnce = (policy: ReusePolicy): number => Math.min(policy.maxConcurrent, MOST_AT_ONCE);

/** What a start-up says when the cap lowers what `policy` asks for. */
export const atOnceNote = (policy: ReusePolicy): string | undefined =>
  atOnce(policy) < policy.maxConcurrent
    ? `A WASI 0.3 instance serves ${atOnce(policy)} request at a time here, not ${policy.maxConcurrent} (--max-instance-concurrent-reuse-count): ` +
      "jco-transpile 0.15's bindings trap with two in flight in a composed instance; each request beyond it gets an instance of its own."
    : undefined;

/** An instance kept for reuse, and what it has served. */
export interface Lease<I> {
  instance: I;
  /** Requests it has been given, this one included. */
  served: number;
  /** Requests it is serving now. */
  active: number;
  /** It serves no new request: it trapped or has served its share. */
  retired: boolean;
  idleTimer?: NodeJS.Timeout;
}

export class ReusedInstances<I> {
  private readonly kept: Lease<I>[] = [];

  constructor(
    private readonly policy: ReusePolicy,
    /** A new instance; undefined when the app may not have another (its instance limit). */
    private readonly make: () => Promise<I | undefined>,
    /** The instance is gone: give back what it held. */
    private readonly drop: (instance: I) => void,
  ) {}

  /** An instance with room for one more request, or a new one; undefined when none may be made. */
  async take(): Promise<Lease<I> | undefined> {
    let lease = this.kept.find((kept) => !kept.retired && kept.active < atOnce(this.policy));
    if (!lease) {
      const instance = await this.make();
      if (instance === undefined) return undefined;
      lease = { instance, served: 0, active: 0, retired: false };
      this.kept.push(lease);
    }
    clearTimeout(lease.idleTimer);
    lease.idleTimer = undefined;
    lease.served++;
    lease.active++;
    if (lease.served >= this.policy.maxRequests) lease.retired = true;
    return lease;
  }

  /** The request `lease` served is done; `trapped` retires its instance. */
  give(lease: Lease<I>, trapped: boolean): void {
    lease.active--;
    if (trapped) lease.retired = true;
    if (lease.active > 0) return;
    if (lease.retired) {
      this.forget(lease);
      return;
    }
    lease.idleTimer = setTimeout(() => this.forget(lease), this.policy.idleMs);
    lease.idleTimer.unref();
  }

  /** Instances serving now, and those kept idle for the next request. */
  get counts(): { serving: number; idle: number } {
    const serving = this.kept.filter((lease) => lease.active > 0).length;
    return { serving, idle: this.kept.length - serving };
  }

  private forget(lease: Lease<I>): void {
    const index = this.kept.indexOf(lease);
    if (index < 0) return;
    this.kept.splice(index, 1);
    this.drop(lease.instance);
  }
}
