// Normalising values as people write them on Chinese forms (CONTRACT: dates YYYY-MM-DD, times HH:MM, numbers as numbers).

const CN_DIGITS: Record<string, number> = {
  〇: 0, 零: 0, O: 0, o: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** Full-width ASCII (０-９, Ａ-Ｚ, ：) to half-width; OCR and people mix both. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

function cnNumber(s: string): number | null {
  // 二〇二四 (digit by digit) or 十二 / 二十三 / 三十 (tens)
  if (/^[〇零一二两三四五六七八九]+$/.test(s) && s.length > 1 && !s.includes('十')) {
    return Number([...s].map((c) => CN_DIGITS[c]).join(''));
  }
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[2] ? CN_DIGITS[m[2]]! : 0);
  if (s.length === 1 && s in CN_DIGITS) return CN_DIGITS[s]!;
  return null;
}

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The first date in a text, as YYYY-MM-DD, or null. */
export function parseDate(raw: string): string | null {
  const s = toHalfWidth(raw).replace(/\s+/g, '');
  // A hand's dash is read as _, — or ·, its dot as a comma or 、: all of them separate a date's parts.
  let m = /(\d{4})[年.\-/_—–·、,](\d{1,2})[月.\-/_—–·、,](\d{1,2})日?/.exec(s);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  // A thin handwritten dash the recogniser missed (2027-0429): month and day written with two digits each.
  m = /(\d{4})[年.\-/_—–·、,](\d{2})(\d{2})(?!\d)|(?<!\d)(\d{4})(\d{2})[月.\-/_—–·、,](\d{2})(?!\d)/.exec(s);
  if (m) {
    const d = m[1] ? validDate(Number(m[1]), Number(m[2]), Number(m[3])) : validDate(Number(m[4]), Number(m[5]), Number(m[6]));
    if (d) return d;
  }
  m = /(\d{4})(\d{2})(\d{2})/.exec(s);
  if (m && !/\d{5}/.test(s.replace(m[0], ''))) {
    const d = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (d) return d;
  }
  m = /([〇零一二三四五六七八九O]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/.exec(s);
  if (m) {
    const y = cnNumber(m[1]!.replace(/O/g, '〇'));
    const mo = cnNumber(m[2]!);
    const d = cnNumber(m[3]!);
    if (y !== null && mo !== null && d !== null) return validDate(y, mo, d);
  }
  return null;
}

/**
 * Every date in a text, as YYYY-MM-DD, in order: full dates, and 3月12日 with the year of yearHint
 * (a change request names the sessions it moves without their year).
 */
export function datesInText(raw: string, yearHint: number): string[] {
  const s = toHalfWidth(raw).replace(/\s+/g, '');
  const out: string[] = [];
  // With a year: 2026年3月12日, 2026.3.12, 2026-03-12; without: 3月12日 (a bare 3.12 may be a number).
  const re = /(\d{4})[年.\-/](\d{1,2})[月.\-/](\d{1,2})日?|(\d{1,2})月(\d{1,2})[日号]/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const d = m[1] ? validDate(Number(m[1]), Number(m[2]), Number(m[3])) : validDate(yearHint, Number(m[4]), Number(m[5]));
    if (d) out.push(d);
  }
  return out;
}

/** The first time of day (08:30, 8时30分, 下午2点) as HH:MM. */
export function parseTime(raw: string): string | null {
  const s = toHalfWidth(raw).replace(/\s+/g, '');
  const m = /(上午|下午|晚上)?(\d{1,2})[:：时点](\d{1,2})?分?/.exec(s);
  if (!m) return null;
  let h = Number(m[2]);
  const min = m[3] ? Number(m[3]) : 0;
  if ((m[1] === '下午' || m[1] === '晚上') && h < 12) h += 12;
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/**
 * A session's start and end from one cell: 08:30-11:30, 8:30—11:30, 14:00至17:00, 下午2:00-5:00 (the
 * end in the afternoon too), 8时30分～11时30分. Null unless both are read and the end is after the start.
 */
export function parseTimeRange(raw: string): [start: string, end: string] | null {
  const s = toHalfWidth(raw).replace(/\s+/g, '');
  const parts = s.split(/[-—–~～至到]+/).filter(Boolean);
  if (parts.length !== 2) return null;
  const start = parseTime(parts[0]!);
  // 下午2:00-5:00: the end is in the same half of the day as the start unless it says otherwise.
  const half = /^(上午|下午|晚上)?/.exec(parts[0]!)![1];
  const end = parseTime(/^(上午|下午|晚上)/.test(parts[1]!) ? parts[1]! : `${half ?? ''}${parts[1]!}`);
  if (!start || !end || end <= start) return null;
  return [start, end];
}

/** The first number in a text (80, 80课时, 1,200.5㎡), or null. */
export function parseNumber(raw: string): number | null {
  const s = toHalfWidth(raw).replace(/,/g, '');
  const m = /-?\d+(\.\d+)?/.exec(s);
  return m ? Number(m[0]) : null;
}

export function parsePhone(raw: string): string | null {
  const s = toHalfWidth(raw).replace(/[\s-]/g, '');
  const m = /(1[3-9]\d{9})|(0\d{2,3}\d{7,8})/.exec(s);
  return m ? m[0] : null;
}

/** An 18-character resident ID as written (upper-case X, no spaces); validation lives in lib/identity. */
export function parseIdNumber(raw: string): string | null {
  const s = toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
  const m = /\d{17}[\dX]/.exec(s);
  return m ? m[0] : null;
}

export function cleanText(raw: string): string {
  return toHalfWidth(raw)
    .replace(/^[\s:：;；,，]+/, '')
    .replace(/[\s:：;；,，]+$/, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
