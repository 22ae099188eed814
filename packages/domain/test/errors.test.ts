import { describe, expect, it } from 'vitest';
import { CalendarGapError } from '../src/calendar.js';
import { AppError, ERROR_CATALOGUE, ERROR_CODES, errorResponse, isAppError, isErrorCode } from '../src/errors.js';

describe('error catalogue', () => {
  it('maps each code to its HTTP status', () => {
    const statuses = Object.fromEntries(ERROR_CODES.map((c) => [c, ERROR_CATALOGUE[c].status]));
    for (const status of Object.values(statuses)) expect(status >= 400 && status <= 599).toBe(true);
    expect(statuses).toMatchObject({
      validation_failed: 400,
      malformed_json: 400,
      weak_password: 400,
      invalid_uscc: 400,
      unauthenticated: 401,
      invalid_credentials: 401,
      csrf_failed: 403,
      forbidden: 403,
      not_found: 404,
      conflict: 409,
      state_conflict: 409,
      cycle: 409,
      calendar_gap: 409,
      payload_too_large: 413,
      unsupported_media_type: 415,
      rule_failed: 422,
      import_failed: 422,
      account_locked: 423,
      rate_limited: 429,
      internal: 500,
      unavailable: 503,
    });
  });

  it('has a message in both languages for every code', () => {
    for (const code of ERROR_CODES) {
      expect(ERROR_CATALOGUE[code].message.zh, code).toMatch(/\S/);
      expect(ERROR_CATALOGUE[code].message.en, code).toMatch(/\S/);
    }
  });

  it('recognises its own codes only', () => {
    expect(isErrorCode('not_found')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('NOT_FOUND')).toBe(false);
    expect(isErrorCode(404)).toBe(false);
  });
});

describe('AppError', () => {
  it('carries code, status and details', () => {
    const e = new AppError('rule_failed', { rules: ['3.1.h'] });
    expect(e).toBeInstanceOf(Error);
    expect(isAppError(e)).toBe(true);
    expect(e.name).toBe('AppError');
    expect(e.code).toBe('rule_failed');
    expect(e.status).toBe(422);
    expect(e.details).toEqual({ rules: ['3.1.h'] });
    expect(e.message).toBe('A policy rule is not met');
  });

  it('takes an optional log message and defaults details to null', () => {
    const e = new AppError('not_found', undefined, 'application 42 not found');
    expect(e.message).toBe('application 42 not found');
    expect(e.details).toBeNull();
    expect(isAppError(new Error('x'))).toBe(false);
  });
});

describe('errorResponse', () => {
  it('answers an AppError with its code, localised message and details', () => {
    expect(errorResponse(new AppError('weak_password', [{ code: 'too_short' }]), 'zh')).toEqual({
      status: 400,
      body: { code: 'weak_password', message: '密码强度不足', details: [{ code: 'too_short' }] },
    });
    expect(errorResponse(new CalendarGapError(2027, '2027-01-04'), 'en')).toEqual({
      status: 409,
      body: {
        code: 'calendar_gap',
        message: ERROR_CATALOGUE.calendar_gap.message.en,
        details: { year: 2027, date: '2027-01-04' },
      },
    });
  });

  it('never leaks details of a 5xx or of an unexpected error', () => {
    expect(errorResponse(new AppError('unavailable', { host: 'db' }), 'en').body.details).toBeNull();
    expect(errorResponse(new TypeError('x is undefined'), 'zh')).toEqual({
      status: 500,
      body: { code: 'internal', message: '系统内部错误', details: null },
    });
    expect(errorResponse('a string', 'en').status).toBe(500);
  });
});
