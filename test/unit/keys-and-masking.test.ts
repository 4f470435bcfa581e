import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from '../../lib/identity/disclosure.ts';
import { BadUploadKeyError, decodeEventKey, encodeEventKey, parseUploadKey } from '../../lib/cases/upload-key.ts';
import { caseIdFor } from '../../lib/cases/case-number.ts';
import { shownPair } from '../../bench/masked.ts';

describe('upload keys', () => {
  it('parse incoming/{jurisdiction}/{institution}/{packet}/{file}', () => {
    expect(parseUploadKey('incoming/shaoxing/inst-001/p-42/开班 材料.pdf')).toEqual({
      jurisdiction: 'shaoxing',
      institution: 'inst-001',
      packet: 'p-42',
      file: '开班 材料.pdf',
      packetPrefix: 'incoming/shaoxing/inst-001/p-42/',
    });
  });

  it.each([
    ['uploads/shaoxing/a/b/c.pdf', /not under incoming/],
    ['incoming/shaoxing/a/c.pdf', /does not name/],
    ['incoming/hangzhou/a/b/c.pdf', /no known jurisdiction/],
    ['incoming/shaoxing/../b/c.pdf', /does not name/],
  ])('refuse %s with a message that says why', (key, why) => {
    expect(() => parseUploadKey(key)).toThrow(BadUploadKeyError);
    expect(() => parseUploadKey(key)).toThrow(why);
  });

  it('S3 event keys: spaces as +, a literal + encoded, unicode percent-encoded, round trip', () => {
    const key = 'incoming/shaoxing/a b/c+d/学员 名单.pdf';
    const enc = encodeEventKey(key);
    expect(enc).toBe('incoming/shaoxing/a+b/c%2Bd/%E5%AD%A6%E5%91%98+%E5%90%8D%E5%8D%95.pdf');
    expect(decodeEventKey(enc)).toBe(key);
  });
});

describe('case ids', () => {
  const u = (key: string, etag: string) => ({ bucket: 'b', key, etag });
  it('are the same for the same objects in any order, and differ for another version', () => {
    const a = caseIdFor('shaoxing', '2026', [u('k1', 'e1'), u('k2', 'e2')]);
    expect(caseIdFor('shaoxing', '2026', [u('k2', 'e2'), u('k1', 'e1')])).toBe(a);
    expect(caseIdFor('shaoxing', '2026', [u('k1', 'e1'), u('k2', 'e3')])).not.toBe(a);
    expect(a).toMatch(/^SX-2026-[0-9A-HJKMNP-TV-Z]{10}$/);
  });
});

describe('masking personal data', () => {
  it('hides the birth date of an ID number and the middle of a phone number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13857512345')).toBe('138****2345');
    expect(maskIdNumber('123')).toBe('****');
  });
});

describe('the benchmark report', () => {
  it('shows a misread ID number or phone masked, with where the reading differs; other fields as read', () => {
    expect(shownPair('idNumber', '110105194912310021', '11010519491231002X')).toEqual(['110105********0021 (differs at 18)', '110105********002X']);
    expect(shownPair('idNumber', '1101051949123102X', '11010519491231002X')).toEqual(['*************102X (17 characters for 18)', '110105********002X']);
    expect(shownPair('phone', '13857512845', '13857512345')).toEqual(['138****2845 (differs at 9)', '138****2345']);
    expect(shownPair('phone', null, '13857512345')).toEqual(['(unread)', '138****2345']);
    expect(shownPair('name', '顾秀', '顾秀霞')).toEqual(['顾秀', '顾秀霞']);
  });
});

describe('file names that carry personal data (issue 20, 9)', () => {
  const key = 'incoming/qidong/inst-qd/p1/张伟-11010519491231002X-13800138000.jpg';

  it('are masked in what leaves the case: log lines and bureau events', async () => {
    const { scrubbed } = await import('../../lib/identity/disclosure.ts');
    expect(scrubbed(key)).toBe('incoming/qidong/inst-qd/p1/张伟-110105********002X-138****8000.jpg');
    const { caseEvent } = await import('../../lib/cases/events.ts');
    const record = {
      caseId: 'QD-2026-SCRUBBED01', caseNumber: 'QD-2026-SCRUBBED01', jurisdiction: 'qidong', institution: 'inst-qd', submissionType: 'class-opening', outcome: 'accepted', status: 'decided',
      createdAt: '2026-12-07T02:00:00Z', pageCount: 1, uploads: [{ bucket: 'intake-uploads', key, etag: 'e' }], documents: [], findings: [], pdfs: [],
    } as never;
    const text = JSON.stringify(caseEvent(record));
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('13800138000');
    expect(text).toContain('110105********002X');
  });

  it('put no ID number into a partition key of the table', async () => {
    const { uploadPk } = await import('../../lib/aws/dynamodb.ts');
    const pk = uploadPk({ bucket: 'intake-uploads', key, etag: 'e' });
    expect(pk).not.toMatch(/\d{17}[\dX]|1[3-9]\d{9}|张伟/);
    expect(uploadPk({ bucket: 'intake-uploads', key, etag: 'e' })).toBe(pk); // the same upload, the same item
  });
});
