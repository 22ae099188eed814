import { describe, expect, it } from 'vitest';
import { nationalProjectStatus, NATIONAL_PROJECT_STATUSES } from '../src/index.js';

const period = { startDate: '2024-01-01', endDate: '2026-12-31', acceptanceResult: null };

describe('national project status (4.2.b)', () => {
  it('is not started before the start date', () => {
    expect(nationalProjectStatus(period, '2023-12-31')).toBe('not_started');
  });

  it('is in progress from the start day to the end day, inclusive', () => {
    expect(nationalProjectStatus(period, '2024-01-01')).toBe('in_progress');
    expect(nationalProjectStatus(period, '2025-06-30')).toBe('in_progress');
    expect(nationalProjectStatus(period, '2026-12-31')).toBe('in_progress');
  });

  it('has ended, awaiting acceptance, after the end date', () => {
    expect(nationalProjectStatus(period, '2027-01-01')).toBe('ended');
  });

  it('is decided by the acceptance result whatever the day', () => {
    expect(nationalProjectStatus({ ...period, acceptanceResult: 'passed' }, '2027-03-01')).toBe('accepted');
    expect(nationalProjectStatus({ ...period, acceptanceResult: 'failed' }, '2027-03-01')).toBe('failed');
    expect(nationalProjectStatus({ ...period, acceptanceResult: 'passed' }, '2025-01-01')).toBe('accepted');
  });

  it('treats a record without dates as in progress, and an open end as never ended', () => {
    expect(nationalProjectStatus({ startDate: null, endDate: null, acceptanceResult: null }, '2030-01-01')).toBe('in_progress');
    expect(nationalProjectStatus({ startDate: '2024-01-01', endDate: null, acceptanceResult: null }, '2030-01-01')).toBe('in_progress');
    expect(nationalProjectStatus({ startDate: null, endDate: '2024-01-01', acceptanceResult: null }, '2024-01-02')).toBe('ended');
  });

  it('lists every status it can return', () => {
    expect(NATIONAL_PROJECT_STATUSES).toEqual(['not_started', 'in_progress', 'ended', 'accepted', 'failed']);
  });
});
