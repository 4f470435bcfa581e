// A doubtful surname weighed against the recogniser's alternatives by how common each is as a surname.
import { describe, expect, it } from 'vitest';
import { extractTable, type PageLine } from '../../lib/extract/fields.ts';
import { specFor } from '../../lib/domain/forms.ts';
import { likeliestSurname, uncommonSurname } from '../../lib/extract/surnames.ts';

describe('surnames', () => {
  it('takes the common surname among the readings of a doubtful first character', () => {
    // 符 (rare) read at 0.25, 蒋 (common) at 0.08: 蒋.
    expect(likeliestSurname('符平涛', [['符', 0.25], ['葆', 0.08], ['蒋', 0.08], ['筝', 0.08]])).toBe('蒋平涛');
    // 蚕 is no surname; 秦 is.
    expect(likeliestSurname('蚕明艳', [['蚕', 0.74], ['秦', 0.21]])).toBe('秦明艳');
  });

  it('leaves a surname read for sure, common or rare, and a name not in Chinese characters', () => {
    expect(likeliestSurname('王芳', [['王', 0.95], ['玉', 0.03]])).toBe('王芳');
    expect(likeliestSurname('符平涛', [['符', 0.995], ['蒋', 0.004]])).toBe('符平涛');
    expect(likeliestSurname('Anna', [['A', 0.5], ['王', 0.4]])).toBe('Anna');
    expect(likeliestSurname('王芳', undefined)).toBe('王芳');
  });

  it('calls an uncommon surname read with any doubt doubtful, and one read for sure not', () => {
    expect(uncommonSurname('符平涛', [['符', 0.97]])).toBe(true);
    expect(uncommonSurname('符平涛', [['符', 0.999]])).toBe(false);
    expect(uncommonSurname('王芳', [['王', 0.6]])).toBe(false);
  });

  it('in a roster written by hand: the likelier surname is taken, and the name still goes to a reviewer', () => {
    const text = '1 符平涛 13800138000';
    const alts: [string, number][][] = [...text].map((ch) => [[ch, 0.99]]);
    alts[2] = [['符', 0.25], ['蒋', 0.08]];
    const line: PageLine = { text, bbox: [72, 367, 900, 394], confidence: 0.9, charConfidence: [...text].map((_, i) => (i === 2 ? 0.25 : 0.99)), charAlternatives: alts, page: 1 };
    const rows = extractTable([{ text: '序号 姓名 联系电话', bbox: [70, 308, 900, 339], confidence: 0.99, page: 1 }, line], specFor('roster')!.tables![0]!);
    expect(rows[0]!.name?.value).toBe('蒋平涛');
    expect(rows[0]!.name!.confidence).toBeLessThan(0.9);
    // A rare surname read without doubt stays, and is not sent for review on that account.
    const sure = { ...line, charConfidence: [...text].map(() => 0.999), charAlternatives: [...text].map((ch) => [[ch, 0.999]] as [string, number][]) };
    const kept = extractTable([{ text: '序号 姓名 联系电话', bbox: [70, 308, 900, 339], confidence: 0.99, page: 1 }, sure], specFor('roster')!.tables![0]!);
    expect(kept[0]!.name?.value).toBe('符平涛');
    expect(kept[0]!.name?.review).toBeUndefined();
  });
});
