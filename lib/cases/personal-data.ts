// Who sees a trainee's ID number or phone unmasked, and the record that they did (issue 20, 9). Every
// list, notice, event and export masks them (lib/identity/disclosure.ts). A reviewer who checks a number
// against the scan, or the bureau that pays a subsidy to a person, may need the whole number: they ask
// for it with a reason, and the case's audit trail keeps who looked, when and why.
import { z } from 'zod';
import type { CaseRecord } from '../domain/schemas.ts';
import { mayOpen, type Principal } from './access.ts';
import { NO_SUCH_CASE, Refusal, requestOf } from './errors.ts';
import type { CaseStore, Clock } from './ports.ts';
import { readCase } from './records.ts';

export const UnmaskRequest = z.object({ reason: z.string().trim().min(2, 'say why the numbers are needed').max(500) });

/** The roles whose work needs whole numbers: reviewers and the bureau, in their own cities. */
export function mayUnmask(who: Principal, c: Pick<CaseRecord, 'jurisdiction' | 'institution'>): boolean {
  return who.role !== 'institution' && mayOpen(who, c);
}

/** The case with its ID numbers and phones as read, after the view is written to its audit trail. */
export async function unmaskedCase(deps: { cases: CaseStore; clock: Clock }, who: Principal, caseId: string, input: unknown): Promise<CaseRecord> {
  const c = await readCase(deps.cases, caseId);
  if (!c || !mayOpen(who, c)) throw new Refusal('not-found', NO_SUCH_CASE);
  if (!mayUnmask(who, c)) throw new Refusal('forbidden', 'only a reviewer or the bureau sees whole ID numbers and phones');
  const { reason } = requestOf(UnmaskRequest, input);
  // Written before the numbers leave: a view that is not in the trail does not happen.
  await deps.cases.appendAudit(c.caseId, [{ at: deps.clock.now().toISOString(), actor: who.user, action: 'personal-data-viewed', detail: { reason } }]);
  return c;
}
