// Forms in layouts other than the main corpus's (`npm run bench:layouts`): each seed form drawn three ways
// (test/corpus/layouts.ts), printed or filled by hand, scanned or photographed. Seeds below 1000 were looked
// at while the reader was built; seeds from 1000 never were, and their figures are reported apart.
// The measure that matters most is the silent error: a value present, wrong, neither flagged for review
// nor under the review threshold. Writes its section of bench/EXTRACT.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ExtractedDocument, Field } from '../lib/domain/schemas.ts';
import { REVIEW_THRESHOLD } from '../lib/extract/fields.ts';
import { chinaDate } from '../lib/calendar/index.ts';
import { extractPacket } from '../lib/extract/index.ts';
import { PaddleOcr } from '../lib/extract/ocr/paddle.ts';
import { classOpeningTruth, HANDS, pen, phonePhoto, rng, scanLook } from '../test/corpus/generate.ts';
import { APPLICATION_LAYOUTS, applicationInLayout, INSTITUTION_FIELDS, INSTITUTION_LAYOUTS, institutionInLayout, institutionTruth, ROSTER_LAYOUTS, rosterInLayout, SIGN_IN_LAYOUTS, signInInLayout, TEACHER_LAYOUTS, teachersInLayout, teachersOf } from '../test/corpus/layouts.ts';
import { shownPair } from './masked.ts';

const { values } = parseArgs({ options: { seen: { type: 'string', default: '1,2' }, unseen: { type: 'string', default: '1001,1002,1003' }, out: { type: 'string', default: 'bench/EXTRACT.md' } } });
const seeds = [...values.seen.split(',').map((s) => ({ seed: Number(s), part: 'seen' as const })), ...values.unseen.split(',').map((s) => ({ seed: Number(s), part: 'unseen' as const }))];

type Part = 'seen' | 'unseen';
type Measure = 'document type' | 'printed values' | 'handwritten values' | 'ID numbers' | 'sign-in slots';
interface Tally {
  right: number;
  total: number;
}
const tallies = new Map<string, Tally>();
const silent = new Map<string, { silent: number; values: number }>();
const wrongs: string[] = [];
const add = (part: Part, m: Measure, ok: boolean) => {
  const t = tallies.get(`${part}|${m}`) ?? { right: 0, total: 0 };
  t.total++;
  if (ok) t.right++;
  tallies.set(`${part}|${m}`, t);
};

/** A value compared: right, or wrong and flagged (a reviewer's minute), or wrong and silent (the cost). */
function compare(part: Part, form: string, hand: boolean, key: string, f: Field | undefined, want: string | number | boolean) {
  const got = f?.value ?? null;
  const ok = got !== null && String(got) === String(want);
  add(part, hand ? 'handwritten values' : 'printed values', ok);
  if (key === 'idNumber') add(part, 'ID numbers', ok);
  const s = silent.get(`${part}|${form}`) ?? { silent: 0, values: 0 };
  s.values++;
  const flagged = f !== undefined && ((f.confidence ?? 1) < REVIEW_THRESHOLD || f.review !== undefined);
  if (!ok && process.env.BENCH_VERBOSE) process.stderr.write(`  wrong ${flagged ? 'flagged' : 'SILENT'} ${form} ${key}: ${JSON.stringify(got)} for ${JSON.stringify(want)} (${f?.confidence ?? '–'} ${f?.review ?? ''})\n`);
  if (!ok && got !== null && !flagged) {
    s.silent++;
    const [read, written] = shownPair(key, got, want);
    wrongs.push(`| ${part} | ${form} | ${key} | ${read} | ${written} | ${f?.confidence ?? '–'} |`);
  }
  silent.set(`${part}|${form}`, s);
}

const ocr = new PaddleOcr();
async function read(png: Buffer, photo: boolean, seed: number): Promise<ExtractedDocument[]> {
  const image = photo ? await phonePhoto(png, rng(seed + 5)) : await scanLook(png, rng(seed + 5));
  return (await extractPacket([{ name: `page-${seed}.jpg`, bytes: image }], { ocr, received: chinaDate(new Date()) })).documents;
}

const started = Date.now();
let pages = 0;
for (const { seed, part } of seeds) {
  const t = classOpeningTruth(seed);
  const r = rng(seed);
  for (const [form, layouts] of [['roster', ROSTER_LAYOUTS], ['teacher-list', TEACHER_LAYOUTS], ['class-opening-application', APPLICATION_LAYOUTS], ['institution-application', INSTITUTION_LAYOUTS], ['sign-in-sheet', SIGN_IN_LAYOUTS]] as const) {
    for (const [k, layout] of (layouts as readonly string[]).entries()) {
      // Each seed and layout: by hand or printed, scanned or photographed, in turn.
      const hand = (seed + k) % 2 === 1;
      const photo = (seed + k) % 3 === 2;
      const p = hand ? pen(HANDS[(seed + k) % 2]!, rng(seed * 7 + k)) : undefined;
      const name = `${form} (${layout}${hand ? ', by hand' : ''}${photo ? ', photo' : ''})`;
      let canvas;
      let check: (doc: ExtractedDocument | undefined) => void;
      if (form === 'roster') {
        canvas = rosterInLayout(t, layout as never, seed + k, p);
        check = (doc) =>
          t.trainees.forEach((tr, i) => {
            const row = doc?.tables?.trainees?.[i];
            for (const key of ['name', 'gender', 'idNumber', 'phone', 'category'] as const) compare(part, name, hand, key, row?.[key], tr[key]);
          });
      } else if (form === 'teacher-list') {
        const staff = teachersOf(seed);
        canvas = teachersInLayout(t.institutionName, staff, layout as never, seed + k, p);
        check = (doc) =>
          staff.forEach((s, i) => {
            const row = doc?.tables?.teachers?.[i];
            for (const key of ['name', 'phone', 'role', 'employment'] as const) compare(part, name, hand && key !== 'role', key, row?.[key], s[key]);
          });
      } else if (form === 'class-opening-application') {
        canvas = applicationInLayout(t, layout as never, seed + k, p);
        check = (doc) => {
          for (const key of ['institutionName', 'className', 'classCode', 'occupation', 'level', 'startDate', 'endDate', 'totalHours', 'theoryHours', 'practicalHours', 'onlineHours', 'traineeCount', 'venue', 'headTeacher', 'phone', 'applicationDate'] as const)
            compare(part, name, hand, key, doc?.fields[key], t[key] as string | number);
        };
      } else if (form === 'institution-application') {
        const inst = institutionTruth(seed);
        canvas = institutionInLayout(inst, layout as never, seed + k, p);
        check = (doc) => {
          for (const key of INSTITUTION_FIELDS[layout as keyof typeof INSTITUTION_FIELDS]) compare(part, name, hand, key, doc?.fields[key], inst[key] as string | number);
          // Qidong lists the occupations in one cell, its levels in brackets; the others in a table.
          inst.occupations.forEach((o, i) => {
            const row = doc?.tables?.occupations?.[i];
            compare(part, name, hand, 'occupation', row?.name, o.name);
            compare(part, name, hand, 'occupation level', row?.level, o.level);
            if (layout !== 'qidong-wrapped') compare(part, name, hand, 'scale', row?.scale, o.scale);
          });
        };
      } else {
        const s = signInInLayout(t, layout as never, seed + k, HANDS[(seed + k) % 2]!);
        canvas = s.canvas;
        check = (doc) => {
          const slots = doc?.tables?.slots ?? [];
          for (const [no, signed] of Object.entries(s.truth.signed)) {
            const slot = slots.find((x) => x.no?.value === Number(no));
            add(part, 'sign-in slots', slot?.signed?.value === signed);
          }
          compare(part, name, false, 'classCode', doc?.fields.classCode, s.truth.classCode);
          compare(part, name, false, 'date', doc?.fields.date, s.truth.date);
          compare(part, name, false, 'signedCount', doc?.fields.signedCount, Object.values(s.truth.signed).filter(Boolean).length);
        };
      }
      void r;
      const docs = await read(canvas.toBuffer('image/png'), photo, seed * 10 + k);
      pages++;
      const doc = docs.find((d) => d.type === form);
      add(part, 'document type', docs[0]?.type === form);
      check(doc);
      process.stderr.write(`${part} ${name}: ${docs.map((d) => d.type).join(', ')}\n`);
    }
  }
}

const pct = (t?: Tally) => (t && t.total ? `${((100 * t.right) / t.total).toFixed(1)} % (${t.right}/${t.total})` : '–');
const measures: Measure[] = ['document type', 'printed values', 'handwritten values', 'ID numbers', 'sign-in slots'];
const silentOf = (part: Part) => {
  const all = [...silent.entries()].filter(([k]) => k.startsWith(part));
  const s = all.reduce((a, [, v]) => ({ silent: a.silent + v.silent, values: a.values + v.values }), { silent: 0, values: 0 });
  return `${((100 * s.silent) / Math.max(1, s.values)).toFixed(2)} % (${s.silent}/${s.values})`;
};
const lines = [
  '<!-- layouts: written by `npm run bench:layouts` -->',
  '## Forms in other layouts (`npm run bench:layouts`)',
  '',
  `Machine: ${(await import('node:os')).cpus().length} cores, Node ${process.version}. ${new Date().toISOString().slice(0, 16)}Z. ${pages} pages, ${((Date.now() - started) / pages / 1000).toFixed(2)} s a page.`,
  'Each seed form in three layouts of test/corpus/layouts.ts (rosters: headers wrapped over two lines, over two levels, values set tight against the column rules; staff lists: groups in merged cells written down the side, across, or as rows of their own; class-opening applications: three pairs a row with wrapped labels, one pair a row, label：value pairs on underlines without ruling; institution applications: Zibo 附件2 表一 as one grid with its licence label over five lines and the areas four cells a row, Qidong 附件1 with labels split over lines and the occupations listed in one cell, label：value lines with the areas two a line and the occupations in a table with wrapped headers; sign-in sheets: four or three number/signature pairs, or one row a trainee). Values printed or written by hand, pages scanned or photographed, in turn.',
  `Seeds ${values.seen} were looked at while the reader was built (seen); seeds ${values.unseen} never were (unseen).`,
  '',
  '| measure | unseen | seen |',
  '|---|---|---|',
  ...measures.map((m) => `| ${m} | ${pct(tallies.get(`unseen|${m}`))} | ${pct(tallies.get(`seen|${m}`))} |`),
  `| **silent errors** (present, wrong, not flagged) | ${silentOf('unseen')} | ${silentOf('seen')} |`,
  '',
  'Silent errors by form:',
  '',
  '| form | unseen | seen |',
  '|---|---|---|',
  ...[...new Set([...silent.keys()].map((k) => k.split('|')[1]!))].map((f) => {
    const one = (part: Part) => {
      const s = silent.get(`${part}|${f}`);
      return s ? `${s.silent}/${s.values}` : '–';
    };
    return `| ${f} | ${one('unseen')} | ${one('seen')} |`;
  }),
  '',
  ...(wrongs.length ? ['Values wrong and not flagged (ID numbers and phones masked):', '', '| part | form | field | read | written | confidence |', '|---|---|---|---|---|---|', ...wrongs] : ['No value was wrong without being flagged.']),
  '<!-- /layouts -->',
];
const doc = readFileSync(values.out, 'utf8');
const section = lines.join('\n');
const marked = /<!-- layouts:[\s\S]*?<!-- \/layouts -->/;
writeFileSync(values.out, marked.test(doc) ? doc.replace(marked, section) : `${doc.trimEnd()}\n\n${section}\n`);
console.log(section);
