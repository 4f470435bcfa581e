// Personal data is never shown or logged in clear where it need not be: public lists hide digits.

/** GB 11643's own example 110105·19491231·002X → 110105********002X (birth date hidden, as public notices do). */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length === 18) return `${s.slice(0, 6)}********${s.slice(14)}`;
  if (s.length === 15) return `${s.slice(0, 6)}******${s.slice(12)}`;
  return s.length > 4 ? `${'*'.repeat(s.length - 4)}${s.slice(-4)}` : '****';
}

/** 13857512345 → 138****2345 */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  if (/^1\d{10}$/.test(s)) return `${s.slice(0, 3)}****${s.slice(7)}`;
  return s.length > 4 ? `${'*'.repeat(s.length - 4)}${s.slice(-4)}` : '****';
}
