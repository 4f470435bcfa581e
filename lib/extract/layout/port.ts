// The layout port: where a page's ruled tables, check boxes and signatures are. intake's own analysis
// (cells.ts, on the page raster) serves by default; Textract's AnalyzeDocument can serve on AWS
// (lib/aws/textract.ts), mapped by textract-blocks.ts into the same model.
import type { RuledTable } from './cells.ts';

export interface CheckBox {
  bbox: [number, number, number, number];
  checked: boolean;
  confidence: number;
}

export interface SignatureMark {
  bbox: [number, number, number, number];
  confidence: number;
}

export interface PageLayout {
  tables: RuledTable[];
  checkboxes?: CheckBox[];
  signatures?: SignatureMark[];
}

export interface LayoutEngine {
  readonly name: string;
  /** The layout of one page image (PNG or JPEG), in its pixel space (`width` × `height`). */
  analyse(image: Buffer, width: number, height: number): Promise<PageLayout>;
}
