// Our blank forms filled on screen, as an institution's clerk would (AcroForm fields set, appearances
// drawn in the embedded font); flatten = printed from the screen, fields gone.
import { PDFDocument } from 'pdf-lib';
import { embedChineseFont } from '../../lib/render/font.ts';
import { renderBlankForm, templateFor } from '../../lib/render/forms.ts';

export async function fill(blank: Uint8Array, values: Record<string, string>, flatten = false): Promise<Uint8Array> {
  const doc = await PDFDocument.load(blank);
  const font = await embedChineseFont(doc);
  const form = doc.getForm();
  for (const [name, v] of Object.entries(values)) form.getTextField(name).setText(v);
  form.updateFieldAppearances(font);
  if (flatten) form.flatten();
  return doc.save();
}

/** A city's form, filled: fields as f.<key>, table cells as t.<table>.<row>.<column>. */
export async function filledForm(jurisdiction: string, form: string, values: Record<string, string>): Promise<Uint8Array> {
  return fill(await renderBlankForm(templateFor(jurisdiction, form)), values);
}

/** Roster cells for trainees [name, ID number]. */
export function rosterCells(trainees: [string, string][]): Record<string, string> {
  return Object.fromEntries(trainees.flatMap(([name, id], i) => [[`t.trainees.${i + 1}.name`, name], [`t.trainees.${i + 1}.idNumber`, id]]));
}
