// Real scanned and photographed Chinese forms with ruled tables (RapidAI/TableStructureRec's test images):
// every one goes through extraction without error, and their tables are found with the cell counts the
// upstream tests ask of RapidTable's wired-table model — by rules and regions, not a model.
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractPacket } from '../../lib/extract/index.ts';
import { PaddleOcr } from '../../lib/extract/ocr/paddle.ts';
import type { Extraction } from '../../lib/domain/schemas.ts';

const DIR = new URL('../fixtures/forms_tables/', import.meta.url);
const expectations = JSON.parse(readFileSync(new URL('test_expectations.json', DIR), 'utf8')) as {
  wired: Record<string, { td_count_min?: number; td_count_max?: number }>;
};
const images = readdirSync(DIR).filter((f) => /\.(png|jpe?g)$/i.test(f)).sort();
const results = new Map<string, Extraction>();
const cellsOf = (x: Extraction) => (x.layout ?? []).flatMap((p) => p.tables).reduce((n, t) => n + t.cells.length, 0);

beforeAll(async () => {
  const ocr = new PaddleOcr();
  for (const f of images) results.set(f, await extractPacket([{ name: f, bytes: readFileSync(new URL(f, DIR)) }], { ocr }));
}, 600_000);

describe('real forms with ruled tables', () => {
  it('all 13 go through extraction without a problem and with text read', () => {
    expect(images).toHaveLength(13);
    for (const f of images) {
      const x = results.get(f)!;
      expect(x.problems, f).toEqual([]);
      expect(x.pageCount, f).toBe(1);
      expect(x.documents.length, f).toBeGreaterThan(0);
    }
  });

  // Upstream's minimums for RapidTable, met: a header with a row span and a column span (5 cells) over
  // 3 × 4 body cells; a customs declaration of 35 cells of all sizes; a 23-cell table.
  for (const f of ['wired_row_span.png', 'wired_table_recognition.jpg', 'wired_table2.jpg']) {
    it(`${f}: at least the ${expectations.wired[f]!.td_count_min} cells upstream asks for`, () => {
      expect(cellsOf(results.get(f)!)).toBeGreaterThanOrEqual(expectations.wired[f]!.td_count_min!);
    });
  }

  it('wired_row_span.png: the merged header cells are found with their spans, white rules on a blue fill included', () => {
    const table = results.get('wired_row_span.png')!.layout![0]!.tables[0]!;
    expect([table.rows, table.cols]).toEqual([5, 4]);
    const spans = table.cells.filter((c) => c.row === 0).map((c) => [c.col, c.rowSpan, c.colSpan]);
    // 名称 and 产量 span two rows; 环比 spans two columns.
    expect(spans).toEqual([[0, 2, 1], [1, 2, 1], [2, 1, 2]]);
  });

  it('wired_wired_big_box.png: no more than the 44 cells upstream allows (a big box is not cut up)', () => {
    expect(cellsOf(results.get('wired_wired_big_box.png')!)).toBeLessThanOrEqual(expectations.wired['wired_wired_big_box.png']!.td_count_max!);
  });

  it('wired_squeeze_error.jpeg (a skewed scan with two red seals): the table is found, straightened, with most of its cells', () => {
    // Upstream asks RapidTable for 160; faint rules under the seals in the lower right merge some cells here.
    const tables = results.get('wired_squeeze_error.jpeg')!.layout![0]!.tables;
    expect(tables[0]!.cells.length).toBeGreaterThanOrEqual(140);
    expect(tables[0]!.cols).toBeGreaterThanOrEqual(11);
  });

  it('wired_no_table.jpg and the lineless table: no ruled table is made up where there are no rules', () => {
    expect(cellsOf(results.get('wired_no_table.jpg')!)).toBe(0);
    expect(cellsOf(results.get('lineless_table_recognition.jpg')!)).toBe(0);
  });
});
