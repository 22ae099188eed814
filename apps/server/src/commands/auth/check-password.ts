import { AppError, passwordProblems } from '@rdplan/domain';

/** Refuses a weak password, naming the field and each rule it breaks. */
export function assertStrongPassword(password: string, identity: { email?: string; name?: string }, field: string) {
  const problems = passwordProblems(password, identity);
  if (problems.length > 0) {
    throw new AppError('weak_password', [{ path: field, problems: problems.map((p) => p.code), messages: problems.map((p) => p.message) }]);
  }
}
