// What a reviewer is told about a value in doubt: one vocabulary, in Chinese, for the console and the
// reviewer's queue. Each note says what the doubt is, not only that there is one.
export const DOUBT = {
  lowConfidence: '识别把握不足，请核对原件',
  notRecognised: '未能识别为有效值，请核对原件',
  repaired: '识别为“{read}”，按{value}录入，请核对',
  crossedRule: '文字跨过表格线，已按表格线拆分，请核对',
  tickNotRead: '未能辨认勾选框，请核对',
  namedInText: '正文中提及的机构名称，表内未见此栏',
  oneCharacterName: '只识别出一个字（{value}），姓名可能缺字',
  uncommonSurname: '姓氏“{value}”少见且识别把握不足',
  sequence: '序号识别为{read}，按前后行定为{value}',
  hoursDoNotAddUp: '课时不符：总课时 {total} ≠ 理论 {theory} + 实操 {practical}{online}',
  signedCountUnsure: '{n} 格未能确定是否签名（{slots}号），签到人数待核对',
  datesOutOfOrder: '日期先后不合常理（{what}），可能有一处识别有误',
  headerNotFound: '表头未能对应，按位置读取',
} as const;

/** A note with its {placeholders} filled. */
export function doubtOf(note: string, values: Record<string, string | number>): string {
  return note.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}
