import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar, chinaCalendar } from '../../lib/calendar/index.ts';

const fixture = (p: string) => JSON.parse(readFileSync(new URL(`../fixtures/holidays/${p}`, import.meta.url), 'utf8'));

function* days(from: string, to: string) {
  for (let d = new Date(from + 'T00:00:00Z'); d <= new Date(to + 'T00:00:00Z'); d = new Date(d.getTime() + 86_400_000)) yield d.toISOString().slice(0, 10);
}

describe('China working-day calendar (lib/calendar/data, from holiday-cn)', () => {
  const cal = chinaCalendar();

  it('agrees day by day with bastengao/chinese-holidays-data for 2023–2026', () => {
    const off = new Set<string>();
    const work = new Set<string>();
    for (const y of [2023, 2024, 2025, 2026]) {
      for (const e of fixture(`bastengao/${y}.json`) as { range: string[]; type: string }[]) {
        const [a, b = a] = e.range as [string, string?];
        for (const d of days(a, b!)) (e.type === 'holiday' ? off : work).add(d);
      }
    }
    const mismatches: string[] = [];
    for (const d of days('2023-01-01', '2026-12-31')) {
      const dow = new Date(d + 'T00:00:00Z').getUTCDay();
      const expected = work.has(d) ? true : off.has(d) ? false : dow !== 0 && dow !== 6;
      if (cal.isWorkingDay(d) !== expected) mismatches.push(d);
    }
    expect(mismatches).toEqual([]);
  });

  it('agrees with LKI/chinese-calendar: its holidays are days off, its make-up days are working days', () => {
    const lki = fixture('lki_chinese_calendar_2023_2026.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
    for (const d of Object.keys(lki.holidays)) expect(cal.isWorkingDay(d), d).toBe(false);
    for (const d of Object.keys(lki.workdays)) expect(cal.isWorkingDay(d), d).toBe(true);
  });

  it('knows the make-up working days (weekends worked) the reference data lists', () => {
    const makeUp = ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08', '2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12', '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11', '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];
    for (const d of makeUp) expect(cal.isWorkingDay(d), d).toBe(true);
    const weekendWorked = [...days('2023-01-01', '2026-12-31')].filter((d) => [0, 6].includes(new Date(d + 'T00:00:00Z').getUTCDay()) && cal.isWorkingDay(d));
    expect(weekendWorked).toEqual(makeUp);
  });

  it('has 11 statutory holiday days a year up to 2024 and 13 from 2025', () => {
    const statutory = (y: number) => (JSON.parse(readFileSync(new URL(`../../lib/calendar/data/${y}.json`, import.meta.url), 'utf8')).days as { isOffDay: boolean; date: string }[]).filter((d) => d.isOffDay && d.date.startsWith(String(y)));
    // Off days include bridged weekdays and weekends inside a block; count weekday holidays the State Council grants.
    expect(statutory(2024).length).toBeGreaterThanOrEqual(11);
    expect(statutory(2025).length).toBeGreaterThanOrEqual(13);
  });

  it('counts N working days back not counting the day itself (RULES.md §1.4: Monday 10th, N = 5 → Monday 3rd)', () => {
    expect(cal.workingDaysBefore('2025-03-10', 5)).toBe('2025-03-03');
    // Across National Day 2024 (1–7 Oct off, 29 Sep and 12 Oct worked): 7 working days before 14 Oct.
    expect(cal.workingDaysBefore('2024-10-14', 7)).toBe('2024-09-29'); // a Sunday worked as make-up day
    expect(cal.workingDaysBetween('2024-09-29', '2024-10-14')).toBe(6);
  });

  it('counts N working days forward, over National Day and its make-up Saturday (a warning issued 29 Sep 2026: 7 working days)', () => {
    // 2026: 1–7 October off, Saturday 10 October worked (lib/calendar/data/2026.json).
    // 30 Sep, 8 Oct, 9 Oct, Saturday 10 Oct (make-up), 12, 13, 14 Oct.
    expect(chinaCalendar().workingDaysAfter('2026-09-29', 7)).toBe('2026-10-14');
    expect(chinaCalendar().workingDaysAfter('2026-11-20', 4)).toBe('2026-11-26');
  });

  it('falls back to weekends alone for a year without data, and says so', () => {
    const empty = new WorkingDayCalendar([{ year: 2030, days: [] }]);
    expect(empty.covers('2031-05-01')).toBe(false);
    expect(empty.isWorkingDay('2031-05-01')).toBe(true); // a Thursday
    expect(empty.isWorkingDay('2031-05-03')).toBe(false); // a Saturday
  });

  it('refuses a malformed data file', () => {
    expect(() => new WorkingDayCalendar([{ year: 2026, days: [{ name: 'x', date: '2026/01/01', isOffDay: true }] }])).toThrow();
  });
});
