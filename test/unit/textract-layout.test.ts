// Textract AnalyzeDocument blocks into intake's layout model: on blocks of responses Textract returned
// (test/fixtures/textract, published by aws-samples: a table with a merged header, form fields), and on
// blocks written in the shape the Textract API reference gives for what those lack (check boxes, a signature).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keyValuesFromTextract, layoutFromTextract, linesFromTextract, type TextractBlock } from '../../lib/extract/layout/textract-blocks.ts';

const box = (Left: number, Top: number, Width: number, Height: number) => ({ BoundingBox: { Left, Top, Width, Height } });
const cell = (Id: string, RowIndex: number, ColumnIndex: number, left: number, top: number): TextractBlock => ({ BlockType: 'CELL', Id, RowIndex, ColumnIndex, RowSpan: 1, ColumnSpan: 1, Confidence: 90, Geometry: box(left, top, 0.2, 0.05), Page: 1 });
const blocks: TextractBlock[] = [
  { BlockType: 'PAGE', Id: 'p', Geometry: box(0, 0, 1, 1) },
  { BlockType: 'TABLE', Id: 't', Page: 1, Geometry: box(0.1, 0.2, 0.6, 0.1), Relationships: [{ Type: 'CHILD', Ids: ['c11', 'c12', 'c13', 'c21', 'c22', 'c23'] }, { Type: 'MERGED_CELL', Ids: ['m1'] }] },
  cell('c11', 1, 1, 0.1, 0.2), cell('c12', 1, 2, 0.3, 0.2), cell('c13', 1, 3, 0.5, 0.2),
  cell('c21', 2, 1, 0.1, 0.25), cell('c22', 2, 2, 0.3, 0.25), cell('c23', 2, 3, 0.5, 0.25),
  { BlockType: 'MERGED_CELL', Id: 'm1', Page: 1, RowIndex: 1, ColumnIndex: 2, RowSpan: 1, ColumnSpan: 2, Geometry: box(0.3, 0.2, 0.4, 0.05), Relationships: [{ Type: 'CHILD', Ids: ['c12', 'c13'] }] },
  { BlockType: 'SELECTION_ELEMENT', Id: 's1', Page: 1, SelectionStatus: 'SELECTED', Confidence: 97.5, Geometry: box(0.1, 0.5, 0.02, 0.015) },
  { BlockType: 'SELECTION_ELEMENT', Id: 's2', Page: 1, SelectionStatus: 'NOT_SELECTED', Confidence: 99, Geometry: box(0.3, 0.5, 0.02, 0.015) },
  { BlockType: 'SIGNATURE', Id: 'sig', Page: 1, Confidence: 88, Geometry: box(0.6, 0.8, 0.15, 0.04) },
  { BlockType: 'LINE', Id: 'l1', Page: 1, Text: 'Class SX2027-001', Confidence: 99, Geometry: box(0.1, 0.1, 0.3, 0.02), Relationships: [{ Type: 'CHILD', Ids: ['w1', 'w2'] }] },
  { BlockType: 'WORD', Id: 'w1', Page: 1, Text: 'Class', Confidence: 99.5, Geometry: box(0.1, 0.1, 0.1, 0.02) },
  { BlockType: 'WORD', Id: 'w2', Page: 1, Text: 'SX2027-001', Confidence: 60, Geometry: box(0.2, 0.1, 0.2, 0.02) },
  { BlockType: 'KEY_VALUE_SET', Id: 'k', Page: 1, EntityTypes: ['KEY'], Confidence: 95, Geometry: box(0.1, 0.1, 0.1, 0.02), Relationships: [{ Type: 'VALUE', Ids: ['v'] }, { Type: 'CHILD', Ids: ['w1'] }] },
  { BlockType: 'KEY_VALUE_SET', Id: 'v', Page: 1, EntityTypes: ['VALUE'], Confidence: 80, Geometry: box(0.2, 0.1, 0.2, 0.02), Relationships: [{ Type: 'CHILD', Ids: ['w2'] }] },
  { BlockType: 'TABLE', Id: 't2', Page: 2, Geometry: box(0, 0, 1, 1), Relationships: [{ Type: 'CHILD', Ids: ['x'] }] },
  { ...cell('x', 1, 1, 0, 0), Page: 2 },
];

describe('Textract blocks → layout', () => {
  const layout = layoutFromTextract(blocks, 1000, 2000);

  it('a table with its grid, a merged cell once with its span in place of the cells it covers', () => {
    expect(layout.tables).toHaveLength(1);
    const t = layout.tables[0]!;
    expect([t.rows, t.cols]).toEqual([2, 3]);
    expect(t.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan])).toEqual([[0, 0, 1, 1], [0, 1, 1, 2], [1, 0, 1, 1], [1, 1, 1, 1], [1, 2, 1, 1]]);
    // Fractions of the page become pixels of the page image.
    expect(t.cells[1]!.bbox).toEqual([300, 400, 700, 500]);
    expect(t.bbox).toEqual([100, 400, 700, 600]);
  });

  it('check boxes ticked or not, signatures, confidences as 0–1; other pages left out', () => {
    expect(layout.checkboxes).toEqual([
      { bbox: [100, 1000, 120, 1030], checked: true, confidence: 0.975 },
      { bbox: [300, 1000, 320, 1030], checked: false, confidence: 0.99 },
    ]);
    expect(layout.signatures).toEqual([{ bbox: [600, 1600, 750, 1680], confidence: 0.88 }]);
    expect(layoutFromTextract(blocks, 1000, 2000, 2).tables[0]!.cells).toHaveLength(1);
  });

  it('lines with each word’s confidence given to its characters, and form fields as key and value', () => {
    const [line] = linesFromTextract(blocks, 1000, 2000);
    expect(line!.text).toBe('Class SX2027-001');
    expect(line!.charConfidence).toHaveLength([...line!.text].length);
    expect(line!.charConfidence![0]).toBeCloseTo(0.995);
    expect(line!.charConfidence![8]).toBeCloseTo(0.6);
    expect(keyValuesFromTextract(blocks, 1000, 2000)).toEqual([{ key: 'Class', value: 'SX2027-001', bbox: [200, 200, 400, 240], confidence: 0.8 }]);
  });
});

describe('a response Textract returned (aws-samples/amazon-textract-textractor test_table.json)', () => {
  const recorded = (JSON.parse(readFileSync(new URL('../fixtures/textract/test_table.blocks.json', import.meta.url), 'utf8')) as { Blocks: TextractBlock[] }).Blocks;
  // A page image 1700 × 2200 px (US Letter at 200 dpi): Textract's fractions become its pixels.
  const [W, H] = [1700, 2200];
  const layout = layoutFromTextract(recorded, W, H);
  const lines = linesFromTextract(recorded, W, H);
  const cellOf = (text: string) => {
    const l = lines.find((x) => x.text === text)!;
    const [cx, cy] = [(l.bbox[0] + l.bbox[2]) / 2, (l.bbox[1] + l.bbox[3]) / 2];
    const inside = layout.tables[0]!.cells.filter((c) => cx >= c.bbox[0] && cx <= c.bbox[2] && cy >= c.bbox[1] && cy <= c.bbox[3]);
    expect(inside, text).toHaveLength(1);
    return [inside[0]!.row, inside[0]!.col, inside[0]!.colSpan];
  };

  it('one table of 3 rows and 5 columns; the merged header cell stands once, spanning two columns', () => {
    expect(layout.tables).toHaveLength(1);
    const t = layout.tables[0]!;
    expect([t.rows, t.cols]).toEqual([3, 5]);
    expect(t.cells).toHaveLength(14); // 15 cells, two of them covered by the one merged cell
    expect(t.cells.filter((c) => c.colSpan > 1).map((c) => [c.row, c.col, c.colSpan])).toEqual([[0, 1, 2]]);
    expect(t.bbox[0]).toBe(Math.round(0.11604896187782288 * W));
    expect(layout.checkboxes).toEqual([]);
    expect(layout.signatures).toEqual([]);
  });

  it("each line's text falls in its own cell: Cell 2 in the merged header, Cell 4 right of it, Cell 11 bottom left", () => {
    expect(cellOf('Cell 1')).toEqual([0, 0, 1]);
    expect(cellOf('Cell 2')).toEqual([0, 1, 2]);
    expect(cellOf('Cell 4')).toEqual([0, 3, 1]);
    expect(cellOf('Cell 8')).toEqual([1, 2, 1]);
    expect(cellOf('Cell 11')).toEqual([2, 0, 1]);
    expect(cellOf('Cell 15')).toEqual([2, 4, 1]);
    // The caption above the table is in no cell.
    const caption = lines.find((l) => l.text === 'Table 1')!;
    expect(caption.bbox[3]).toBeLessThan(layout.tables[0]!.bbox[1]);
  });

  it("lines keep each word's recorded confidence on its characters", () => {
    const cell1 = lines.find((l) => l.text === 'Cell 1')!;
    expect(cell1.confidence).toBeCloseTo(0.9849, 3);
    expect(cell1.charConfidence).toHaveLength(6);
    expect(cell1.charConfidence![0]).toBeCloseTo(0.9754, 3); // "Cell" at 97.54 %
    expect(cell1.charConfidence![5]).toBeCloseTo(0.9944, 3); // "1" at 99.44 %
  });
});

describe('form fields Textract returned (aws-samples/amazon-textract-response-parser employment-application.json)', () => {
  const recorded = (JSON.parse(readFileSync(new URL('../fixtures/textract/employment-application.kv.json', import.meta.url), 'utf8')) as { Blocks: TextractBlock[] }).Blocks;

  it("each key with its value's words in order, the value's box in pixels and the lower of the two confidences", () => {
    const kv = keyValuesFromTextract(recorded, 1000, 1000);
    expect(kv.map((f) => [f.key, f.value, f.confidence])).toEqual([
      ['Home Address:', '123 Any Street, Any Town, USA', 0.95],
      ['Phone Number:', '555-0100', 0.91],
      ['Full Name:', 'Jane Doe', 0.87],
    ]);
    // The phone's value box: Left 0.2154, Top 0.3749, Width 0.0887, Height 0.0284 of the page.
    expect(kv[1]!.bbox).toEqual([215, 375, 304, 403]);
  });
});
