import { describe, expect, it } from 'vitest';
import * as domain from '../src/index.js';

describe('@rdplan/domain entry point', () => {
  it('exports every module', () => {
    for (const name of [
      'textIn',
      'AppError',
      'ERROR_CATALOGUE',
      'isValidUscc',
      'ORG_TYPES',
      'regionLabel',
      'GUANGZHOU_DISTRICTS',
      'shanghaiDate',
      'weekday',
      'isWorkingDay',
      'addWorkingDays',
      'workingDaysBetween',
      'builtinCalendar',
      'BUILTIN_CALENDAR_YEARS',
      'CalendarGapError',
      'passwordProblems',
      'PASSWORD_RULES',
      'formatYuan',
      'wanToYuan',
      'ControlGraph',
      'corporateGroup',
    ]) {
      expect(domain, name).toHaveProperty(name);
    }
  });
});
