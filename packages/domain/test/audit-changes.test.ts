import { describe, expect, it } from 'vitest';
import { auditChanges, AuditEventQuery } from '../src/index.js';

describe('auditChanges: what an audit event changed, before → after', () => {
  it('lists the keys whose values differ, with both values', () => {
    expect(auditChanges({ name: 'a', status: 'active', roles: ['x'] }, { name: 'b', status: 'active', roles: ['x', 'y'] })).toEqual([
      { key: 'name', before: 'a', after: 'b' },
      { key: 'roles', before: ['x'], after: ['x', 'y'] },
    ]);
  });

  it('a key present on one side only had (or has) no value', () => {
    expect(auditChanges(null, { id: 1 })).toEqual([{ key: 'id', before: null, after: 1 }]);
    expect(auditChanges({ id: 1 }, undefined)).toEqual([{ key: 'id', before: 1, after: null }]);
    expect(auditChanges({ version: 3 }, { version: 4, changed: ['title'] })).toEqual([
      { key: 'version', before: 3, after: 4 },
      { key: 'changed', before: null, after: ['title'] },
    ]);
  });

  it('values that are not objects are one change, and nothing for no change', () => {
    expect(auditChanges('draft', 'submitted')).toEqual([{ key: '', before: 'draft', after: 'submitted' }]);
    expect(auditChanges(null, null)).toEqual([]);
    expect(auditChanges({ a: { b: 1 } }, { a: { b: 1 } })).toEqual([]);
  });
});

describe('AuditEventQuery', () => {
  it('pages by default and takes instants with an offset only', () => {
    expect(AuditEventQuery.parse({})).toEqual({ page: 1, pageSize: 20 });
    expect(AuditEventQuery.safeParse({ from: '2026-03-01T00:00:00+08:00' }).success).toBe(true);
    expect(AuditEventQuery.safeParse({ from: '2026-03-01' }).success).toBe(false);
    expect(AuditEventQuery.safeParse({ actorId: 'not-a-uuid' }).success).toBe(false);
  });
});
