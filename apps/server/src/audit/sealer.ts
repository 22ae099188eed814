import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { auditKey, recordAnchorFile } from './anchor.js';
import { sealPending } from './audit.js';

/**
 * Seals committed audit events into the chain, off the request path. A transaction writes its events
 * unsealed (audit.ts flushAudit) and commits without waiting for any lock; it then asks the sealer of its
 * database for a pass. Requests that arrive while a pass runs share the next one, so one pass seals the
 * events of many transactions under one lock and one commit (group sealing): the chain no longer makes
 * every audited change in the system wait for the one before it.
 *
 * A request resolves when a pass that began after it has finished, so an answered request's events are
 * in the chain (and its anchor signed) — what was acknowledged is tamper-evident. A pass never fails its
 * callers: the change is already committed; an error is logged and the next pass or the sweep retries.
 * Each instance also sweeps on a timer (startAuditSweep), so events of an instance that died between
 * commit and seal are sealed by the others, or by itself at restart (startup.ts anchorAtStartup).
 */
export class AuditSealer {
  private current: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Events sealed by this instance, for /metrics and the benchmarks. */
  sealedEvents = 0;
  passes = 0;

  constructor(
    private readonly db: Db,
    private readonly config: Pick<Config, 'dataDir' | 'auditKey'>,
    private readonly log: (message: string, err: unknown) => void = (message, err) => console.error(message, err),
  ) {}

  /** Resolves when the events committed before this call are sealed (or a pass failed; see above). */
  request(): Promise<void> {
    if (this.next) return this.next;
    if (!this.current) return this.start();
    // The pass under way may have read the pending events before the caller's commit: one more after it.
    const next = this.current.then(() => {
      this.next = null;
      return this.start();
    });
    this.next = next;
    return next;
  }

  private start(): Promise<void> {
    const pass = this.pass().finally(() => {
      if (this.current === pass) this.current = null;
    });
    this.current = pass;
    return pass;
  }

  private async pass(): Promise<void> {
    const key = auditKey(this.config, true);
    const limit = 2000;
    try {
      for (;;) {
        const { sealed, anchor } = await this.db.transaction().execute((tx) => sealPending(tx, key, limit));
        this.passes++;
        this.sealedEvents += sealed;
        if (anchor) void recordAnchorFile(this.config.dataDir, anchor);
        if (sealed < limit) return;
      }
    } catch (err) {
      this.log('audit events could not be sealed now; the next pass retries', err);
    }
  }

  /** Seals on a timer too: events another instance committed and did not seal (it died) are not left. */
  startSweep(intervalMs: number): void {
    this.stopSweep();
    this.timer = setInterval(() => void this.request(), intervalMs);
    this.timer.unref();
  }

  stopSweep(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Waits for the passes under way (an app closing). */
  async settled(): Promise<void> {
    await this.next;
    await this.current;
  }
}

const sealers = new WeakMap<Db, AuditSealer>();

/** The sealer of a database (one per process and database, shared by everything that audits on it). */
export function sealerFor(db: Db, config: Pick<Config, 'dataDir' | 'auditKey'>): AuditSealer {
  let sealer = sealers.get(db);
  if (!sealer) {
    sealer = new AuditSealer(db, config);
    sealers.set(db, sealer);
  }
  return sealer;
}
