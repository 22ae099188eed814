import { DEMO_USERS } from '@rdplan/demo';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/audit.js';
import { seedDemo } from '../src/seed/demo.js';
import { seedDemoNotice } from '../src/seed/demo-notice.js';
import { startHarness } from './support/harness.js';

const h = await startHarness();

describe('demo data', () => {
  it('loads the registry once, and every demo account signs in with its role', async () => {
    const first = await seedDemo(h.deps);
    expect(first).toMatchObject({ seeded: true, organisations: 2000, people: 2000, users: 7 });
    const count = async (table: 'organisations' | 'chains' | 'control_edges' | 'people' | 'calendar_years') =>
      Number(
        (
          await h.deps.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('organisations')).toBe(2000);
    expect(await count('chains')).toBe(21);
    expect(await count('control_edges')).toBeGreaterThan(100);
    expect(await count('calendar_years')).toBe(3);
    const experts = await h.deps.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('is_expert', '=', true)
      .executeTakeFirstOrThrow();
    expect(Number(experts.n)).toBe(800);

    for (const u of DEMO_USERS) {
      const res = await h.client().login(u.email, u.password);
      expect(res.status, u.email).toBe(200);
      expect(res.body.user.roles).toEqual([u.role]);
    }
    expect((await seedDemo(h.deps)).seeded).toBe(false);

    // One published notice of the previous year's confirmed selection, current on the public home page.
    const notices = await h.client().get('/api/public/notices');
    expect(notices.status).toBe(200);
    expect(notices.body.items).toHaveLength(1);
    expect(notices.body.items[0]).toMatchObject({ source: 'selection', running: true });
    expect((await seedDemoNotice(h.deps)).seeded).toBe(false);
    const all = await h.deps.db.selectFrom('notices').select('id').execute();
    expect(all).toHaveLength(1);
    expect((await verifyAudit(h.deps.db)).ok).toBe(true);
  });
});
