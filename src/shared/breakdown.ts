/** The responsibility breakdown (责任分解表): its columns, in the customary order, for import, export and template. */
export const BREAKDOWN_COLUMNS = [
  '序号',
  '问题类别',
  '反馈问题',
  '整改措施',
  '责任单位',
  '责任领导',
  '责任人',
  '完成时限',
  '整改进展',
  '状态',
] as const;
export type TBreakdownColumn = (typeof BREAKDOWN_COLUMNS)[number];
