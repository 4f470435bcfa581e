// Why a use case refused a request, in the domain's words. The HTTP layer maps each kind to its status in
// one place (lib/http/errors.ts); the CLI prints the message.
import type { z } from 'zod';

export type RefusalKind = 'invalid' | 'not-signed-in' | 'forbidden' | 'not-found' | 'conflict' | 'too-large' | 'not-configured';

export class Refusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
    /** What else the answer carries (a verification's hash, an upload's list of problems). */
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export const refuse = (kind: RefusalKind, message: string, detail?: Record<string, unknown>): never => {
  throw new Refusal(kind, message, detail);
};

/** The answer for a case that does not exist and for one the asker may not open alike (ids cannot be probed). */
export const NO_SUCH_CASE = 'no such case, or not yours to open';

/** A request body as its schema reads it, or a refusal naming each field that is wrong. */
export function requestOf<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new Refusal('invalid', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}
