import { AppError } from '@rdplan/domain';

/**
 * A user asked for a record that is not theirs. It answers 404, exactly as for a record that does not
 * exist (so ids leak nothing), and the error handler logs the attempt as a security event.
 */
export class AccessDenied extends AppError {
  constructor(
    readonly entityType: string,
    readonly entityId: string,
  ) {
    super('not_found');
  }
}
