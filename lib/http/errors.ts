// Refusals of the use cases (lib/cases/errors.ts) as HTTP statuses: the one place a domain reason
// becomes a status code.
import type { RefusalKind } from '../cases/errors.ts';

export const STATUS_OF: Record<RefusalKind, number> = {
  invalid: 400,
  'not-signed-in': 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'not-configured': 501,
};
