// Every published vector in test/fixtures/id_vectors, under the policy stated in lib/identity.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCodeCheckCharacter } from '../../lib/identity/credit-code.ts';
import { ageOn, checkIdNumber, repairIdNumber } from '../../lib/identity/id-number.ts';

function csv(name: string): Record<string, string>[] {
  const text = readFileSync(new URL(`../fixtures/id_vectors/${name}`, import.meta.url), 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (ch !== '\r') cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  const [head, ...body] = rows;
  return body.filter((r) => r.length > 1).map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

const today = new Date('2026-11-22T00:00:00Z');

describe('GB 11643 resident ID numbers', () => {
  const vectors = csv('ric_gb11643_vectors.csv');

  it('has the vectors', () => expect(vectors.length).toBe(80));

  for (const v of vectors) {
    it(`${v.value} (${v.source_expected}, ${v.source_repo})`, () => {
      const r = checkIdNumber(v.value!, { today });
      const warnings = r.problems.filter((p) => p.severity === 'warning').map((p) => p.code);
      switch (v.source_expected) {
        case 'valid':
          if (v.source_repo === 'validatorjs/validator.js' && !r.valid) {
            // validator.js checks the province only; 235407… has a county code GB/T 2260 never had. Our
            // policy is the stricter one (python-stdnum, id-validator): an unknown area is an error.
            expect(r.problems.map((p) => p.code)).toEqual(['area']);
          } else {
            expect(r.valid, JSON.stringify(r.problems)).toBe(true);
          }
          break;
        case 'valid_non_strict':
          // Valid with a warning: lower-case x, or an area code not yet in force in the birth year.
          expect(r.valid).toBe(true);
          expect(warnings.some((w) => w === 'lowercase-x' || w === 'area-not-in-force')).toBe(true);
          break;
        case 'invalid_place_by_year':
          expect(r.valid).toBe(true);
          expect(warnings).toContain('area-not-in-force');
          break;
        case 'valid_by_hutool':
          // 111111111111111: only hutool's lenient 15-digit rule takes it; area 111111 does not exist.
          expect(r.valid).toBe(false);
          break;
        default:
          expect(r.valid, JSON.stringify(r)).toBe(false);
      }
    });
  }

  it('upgrades 15-digit numbers as GB 11643 prescribes', () => {
    expect(checkIdNumber('150102880730303', { today }).normalised).toBe('150102198807303035');
    expect(checkIdNumber('610104620927690', { today }).normalised).toBe('610104196209276908');
  });

  it('reads birth date, gender and area', () => {
    expect(checkIdNumber('11010519491231002X', { today })).toMatchObject({ valid: true, birthDate: '1949-12-31', gender: 'female', area: { code: '110105', name: '朝阳区', province: '北京市' } });
    expect(checkIdNumber('440524188001010014', { today }).gender).toBe('male');
    expect(ageOn('1956-11-23', '2026-11-22')).toBe(69);
    expect(ageOn('1956-11-22', '2026-11-22')).toBe(70);
  });

  it('refuses a birth date in the future', () => {
    const r = checkIdNumber(`110105203001010${'01'}`.slice(0, 17) + 'X', { today });
    expect(r.valid).toBe(false);
  });

  it('repairs one character OCR confused, by the check character, and says which', () => {
    expect(repairIdNumber('11O10519491231002X')).toEqual({ value: '11010519491231002X', repaired: { position: 3, from: 'O', to: '0' } });
    expect(repairIdNumber('44052418800101OO14')).toBeNull(); // two letters: not a single repair
    expect(repairIdNumber('440524188001010014')).toEqual({ value: '440524188001010014' });
  });

  it('repairs the one character the recogniser doubted, where it doubted only one', () => {
    // A handwritten X read as 2, the recogniser 24 % sure of it and sure of the rest.
    const sure = (doubt: number, at = 17) => Array.from({ length: 18 }, (_, i) => (i === at ? doubt : 0.99));
    expect(repairIdNumber('330603199408144932', sure(0.24))).toEqual({ value: '33060319940814493X', repaired: { position: 18, from: '2', to: 'X' } });
    // A doubtful digit in the middle: the check character says which digit it must be.
    expect(checkIdNumber('110105194912310021').valid).toBe(false);
    expect(repairIdNumber('110105194912310021', sure(0.5, 16))).toEqual({ value: '110105194912310011', repaired: { position: 17, from: '2', to: '1' } });
    // Sure of every character, or doubtful of two: the check alone cannot say where the error is.
    expect(repairIdNumber('330603199408144932', sure(0.95))).toBeNull();
    const two = sure(0.3);
    two[5] = 0.4;
    expect(repairIdNumber('330603199408144932', two)).toBeNull();
  });

  it('where several characters were doubted, tries only what the recogniser saw there, and repairs only when one fits', () => {
    // A quick hand: the X read as 2 (X its second thought) and a 4 half-doubted too (7 its second thought).
    const probs: number[] = Array.from({ length: 18 }, (_, i) => (i === 17 ? 0.3 : i === 5 ? 0.45 : 0.99));
    const alts = Array.from({ length: 18 }, (_, i): [string, number][] => (i === 17 ? [['2', 0.3], ['X', 0.25], ['7', 0.05]] : i === 5 ? [['4', 0.45], ['7', 0.3]] : []));
    expect(repairIdNumber('330603199408144932', probs, alts)).toEqual({ value: '33060319940814493X', repaired: { position: 18, from: '2', to: 'X' } });
    // Without X among what was seen at the end, nothing the recogniser saw fits: no guess.
    const noX = alts.map((a, i) => (i === 17 ? ([['2', 0.3], ['7', 0.05]] as [string, number][]) : a));
    expect(repairIdNumber('330603199408144932', probs, noX)).toBeNull();
    // Two second thoughts that each make the check agree: the check cannot choose between them.
    // (…144032 fits the check as well as …14493X.)
    expect(checkIdNumber('330603199408144032').valid).toBe(true);
    const both = alts.map((a, i) => (i === 15 ? ([['9', 0.5], ['0', 0.3]] as [string, number][]) : a));
    probs[15] = 0.5;
    expect(repairIdNumber('330603199408144932', probs, both)).toBeNull();
  });

  it('restores a doubled digit the recogniser wrote once (…1116… read …116…), when only one doubling fits', () => {
    expect(repairIdNumber('33060219731161877')).toEqual({ value: '330602197311161877', repaired: { position: 12, from: '', to: '1' } });
    expect(repairIdNumber('3306021973111618')).toBeNull(); // two short: not a doubled digit
  });
});

describe('GB 32100 unified social credit codes', () => {
  const vectors = csv('uscc_gb32100_vectors.csv');

  it('has the vectors', () => expect(vectors.length).toBe(225));

  it('accepts every real code the sources list as valid (216 of them found online)', () => {
    const bad = vectors.filter((v) => v.source_expected === 'valid' || v.source_expected === 'valid_simple_only').filter((v) => !checkCreditCode(v.value!).valid);
    expect(bad.map((v) => v.value)).toEqual([]);
  });

  it('refuses wrong lengths, characters and check characters', () => {
    for (const v of vectors.filter((x) => x.source_expected === 'invalid')) expect(checkCreditCode(v.value!).valid, v.value).toBe(false);
  });

  it('takes the genuinely issued Fujian pilot codes with a non-standard check character, with a warning for review', () => {
    const pilots = vectors.filter((v) => v.source_expected === 'checksum_fail_but_real');
    expect(pilots).toHaveLength(4);
    for (const v of pilots) {
      const r = checkCreditCode(v.value!);
      expect(r.valid).toBe(true);
      expect(r.problems.map((p) => p.code)).toEqual(['pilot-checksum']);
    }
    // The same mistake outside the pilot is an error.
    expect(checkCreditCode('91110000600037341N').problems[0]?.code).toBe('checksum');
  });

  it('computes the official example’s check character', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });
});
