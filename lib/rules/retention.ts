// How long each city's records are kept. The numbers live in the rule packs (a bureau changes them
// there); the CDK app turns them into S3 lifecycle rules per jurisdiction prefix.
import { Jurisdiction } from '../domain/schemas.ts';
import { loadPackFile, type PackId, type Retention } from './pack.ts';

/**
 * Zibo's seed (000) names no archive period, nor do the provincial rules it inherits. Kept as long as
 * the longest any city asks (Liaocheng: 不低于十年) so that nothing goes early; a bureau sets its own in
 * its pack.
 */
export const DEFAULT_RETENTION: Retention = {
  years: 10,
  source: { file: 'intake', section: '保存期限（种子文件未规定时）', quote: '未规定保存期限的，按各地最长保存期（十年）保存' },
  implements: [],
};

export function retentionFor(jurisdiction: Jurisdiction): Retention {
  let next: PackId | null = jurisdiction;
  while (next) {
    const pack = loadPackFile(next);
    if (!pack) break;
    if (pack.retention) return pack.retention;
    next = pack.inherits;
  }
  return DEFAULT_RETENTION;
}

export function retentionTable(): { jurisdiction: Jurisdiction; retention: Retention }[] {
  return Jurisdiction.options.map((jurisdiction) => ({ jurisdiction, retention: retentionFor(jurisdiction) }));
}

/** Lifecycle rules count days; a year here is 366 days so that a leap year never cuts one short. */
export function retentionDays(years: number): number {
  return years * 366;
}
