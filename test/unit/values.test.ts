import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanText, parseDate, parseIdNumber, parseNumber, parsePhone, parseTime, parseTimeRange } from '../../lib/domain/values.ts';

describe('dates as people write them on forms', () => {
  it('reads the absolute Gregorian dates of JioNLP’s test suite', () => {
    const { cases } = JSON.parse(readFileSync(new URL('../fixtures/jionlp_exact_dates.json', import.meta.url), 'utf8')) as { cases: { text: string; date: string }[] };
    expect(cases.length).toBeGreaterThanOrEqual(6);
    for (const c of cases) expect(parseDate(c.text), c.text).toBe(c.date);
  });

  it.each([
    ['2024年3月5日', '2024-03-05'],
    ['2024.3.5', '2024-03-05'],
    ['2024-03-05', '2024-03-05'],
    ['２０２４年３月５日', '2024-03-05'],
    ['二〇二四年三月五日', '2024-03-05'],
    ['二〇二四年十二月三十一日', '2024-12-31'],
    ['开班日期：2026年 3 月 13 日', '2026-03-13'],
    // A handwritten dash or dot as the recogniser reads it.
    ['2027_06-03', '2027-06-03'],
    ['2027—6—3', '2027-06-03'],
    ['2027,6.3', '2027-06-03'],
    // …or not read at all, where month and day have two digits each.
    ['2027-0429', '2027-04-29'],
    ['202704-29', '2027-04-29'],
  ])('%s → %s', (text, iso) => expect(parseDate(text)).toBe(iso));

  it('refuses dates that do not exist', () => {
    expect(parseDate('2024年2月30日')).toBeNull();
    expect(parseDate('年 月 日')).toBeNull();
    expect(parseDate('2027-1329')).toBeNull(); // no 13th month: not a date with a dash missed
  });
});

describe('times, numbers, phones, ID numbers', () => {
  it('times in 24 h', () => {
    expect(parseTime('8时30分')).toBe('08:30');
    expect(parseTime('下午2点')).toBe('14:00');
    expect(parseTime('14:05')).toBe('14:05');
    expect(parseTime('25:00')).toBeNull();
  });
  it('a session\'s start and end from one cell, as schedules write them', () => {
    expect(parseTimeRange('08:30-11:30')).toEqual(['08:30', '11:30']);
    expect(parseTimeRange('8:30—11:30')).toEqual(['08:30', '11:30']);
    expect(parseTimeRange('14:00至17:00')).toEqual(['14:00', '17:00']);
    expect(parseTimeRange('下午2:00-5:00')).toEqual(['14:00', '17:00']);
    expect(parseTimeRange('8时30分～11时30分')).toEqual(['08:30', '11:30']);
    expect(parseTimeRange('１４：００－１６：００')).toEqual(['14:00', '16:00']);
    expect(parseTimeRange('11:30-08:30')).toBeNull();
    expect(parseTimeRange('全天')).toBeNull();
  });
  it('numbers with units and full-width digits', () => {
    expect(parseNumber('80课时')).toBe(80);
    expect(parseNumber('１,２００.５㎡')).toBe(1200.5);
    expect(parseNumber('无')).toBeNull();
  });
  it('mobile and landline numbers', () => {
    expect(parsePhone('电话：138 5751 2345')).toBe('13857512345');
    expect(parsePhone('0575-88123456')).toBe('057588123456');
    expect(parsePhone('12345')).toBeNull();
  });
  it('ID numbers upper-cased with spaces removed', () => {
    expect(parseIdNumber('11010519491231002x')).toBe('11010519491231002X');
    expect(parseIdNumber('4405 2418 8001 0100 14')).toBe('440524188001010014');
    expect(parseIdNumber('1101051949')).toBeNull();
  });
  it('cleans label punctuation around values', () => {
    expect(cleanText('：  中式烹调师 ')).toBe('中式烹调师');
  });
});
