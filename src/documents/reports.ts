/** The monthly report (月报告) and the rectification plan with its responsibility breakdown (整改方案). Pure. */
import { formatDocumentDate } from '@shared/chinese.ts';
import { categoryMarker, quote, sectionMarker } from '@shared/document-text.ts';
import { para, type TBlock, type TOfficialDocument } from './official-document.ts';

/** The figures of one month. */
export type TMonthlyInput = {
  partyOrgName: string;
  kind: string;
  groupName: string | null;
  month: string;
  summary: string;
  moved: {
    progressEntries: number;
    measuresWithProgress: number;
    closed: number;
    sentBack: number;
    relapsed: number;
  };
  byCategory: Array<{
    title: string;
    total: number;
    notStarted: number;
    inProgress: number;
    closeRequested: number;
    closed: number;
    standing: number;
    relapsed: number;
  }>;
  overdue: Array<{ problem: string; content: string; person: string | null; deadline: string }>;
  standing: Array<{ problem: string; content: string; person: string | null }>;
  issuedDate: string;
  /** Opinions from the public to the unit: received, answered and outside the remit in the month; open, overdue now. */
  opinions?: { received: number; answered: number; outOfScope: number; open: number; overdue: number };
};

/** The paragraph on opinions from the public, when the unit has had any this month or still owes an answer. */
export function opinionParagraph(o: NonNullable<TMonthlyInput['opinions']>): string | null {
  if (o.received + o.answered + o.outOfScope + o.open === 0) return null;
  const settled = o.answered + o.outOfScope;
  return (
    `本月收到群众监督意见${o.received}条,答复${settled}条` +
    (o.outOfScope > 0 ? `(其中不属于受理范围${o.outOfScope}条)` : '') +
    `;尚在办理${o.open}条` +
    (o.overdue > 0 ? `,其中逾期未答复${o.overdue}条。` : ',无逾期未答复。')
  );
}

const short = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** The monthly report document. */
export function buildMonthlyReport(i: TMonthlyInput): TOfficialDocument {
  const [y, m] = i.month.split('-');
  const blocks: TBlock[] = [];
  if (i.summary.trim() !== '')
    for (const p of i.summary.split('\n').filter((x) => x.trim() !== '')) blocks.push(para(p.trim()));
  blocks.push({ kind: 'h1', text: `${sectionMarker(1)}本月整改进展` });
  blocks.push(
    para(
      `本月共记录整改进展${i.moved.progressEntries}条,涉及${i.moved.measuresWithProgress}条措施;完成销号${i.moved.closed}条,退回${i.moved.sentBack}条,经“回头看”认定反弹${i.moved.relapsed}条。`,
    ),
  );
  const opinions = i.opinions === undefined ? null : opinionParagraph(i.opinions);
  if (opinions !== null) blocks.push(para(opinions));
  const total = i.byCategory.reduce((s, c) => s + c.total, 0);
  const closed = i.byCategory.reduce((s, c) => s + c.closed, 0);
  blocks.push(
    para(
      `截至本月底,${i.kind}反馈问题共分解整改措施${total}条,已销号${closed}条,逾期未完成${i.overdue.length}条,长期坚持${i.standing.length}条。`,
    ),
  );
  blocks.push({ kind: 'h1', text: `${sectionMarker(2)}各类问题整改情况` });
  blocks.push({
    kind: 'table',
    header: ['问题类别', '措施数', '未启动', '推进中', '申请销号', '已销号', '长期坚持', '反弹'],
    rows: i.byCategory.map((c, k) => [
      `${categoryMarker(k + 1)}${c.title}`,
      String(c.total),
      String(c.notStarted),
      String(c.inProgress),
      String(c.closeRequested),
      String(c.closed),
      String(c.standing),
      String(c.relapsed),
    ]),
  });
  blocks.push({ kind: 'h1', text: `${sectionMarker(3)}逾期未完成的措施` });
  blocks.push(
    i.overdue.length === 0
      ? para('本月无逾期未完成的措施。')
      : {
          kind: 'table',
          header: ['问题', '整改措施', '责任人', '完成时限'],
          rows: i.overdue.map((o) => [short(o.problem, 30), short(o.content), o.person ?? '—', o.deadline]),
        },
  );
  blocks.push({ kind: 'h1', text: `${sectionMarker(4)}长期坚持的措施` });
  blocks.push(
    i.standing.length === 0
      ? para('无。')
      : {
          kind: 'table',
          header: ['问题', '整改措施', '责任人'],
          rows: i.standing.map((o) => [short(o.problem, 30), short(o.content), o.person ?? '—']),
        },
  );
  blocks.push({ kind: 'signature', lines: [i.partyOrgName, formatDocumentDate(i.issuedDate)] });
  return { title: `${i.partyOrgName}\n${i.kind}整改工作月报告（${Number(y)}年${Number(m)}月）`, blocks };
}

/** The plan's content: problems with their measures and six clarities. */
export type TPlanInput = {
  partyOrgName: string;
  kind: string;
  groupName: string | null;
  feedbackDate: string | null;
  categories: Array<{
    title: string;
    problems: Array<{
      number: string;
      title: string;
      measures: Array<{
        content: string;
        department: string | null;
        leader: string | null;
        person: string | null;
        deadline: string;
      }>;
    }>;
  }>;
};

/** The rectification plan with each problem's measures as a table of the six clarities. */
export function buildPlan(i: TPlanInput): TOfficialDocument {
  const blocks: TBlock[] = [
    para(
      `${i.feedbackDate ? `${formatDocumentDate(i.feedbackDate)},` : ''}${i.groupName ?? ''}向${i.partyOrgName.replace(/^中共/, '')}反馈了${i.kind}意见。为切实抓好整改落实,针对反馈问题逐条制定整改措施,明确整改事项、整改措施、责任单位、责任领导、责任人和完成时限,制定本方案。`,
    ),
  ];
  i.categories.forEach((c, k) => {
    blocks.push({ kind: 'h2', text: `${categoryMarker(k + 1)}${c.title}` });
    for (const p of c.problems) {
      blocks.push({ kind: 'p', runs: [{ text: `${p.number}.关于${quote(p.title)}问题`, style: 'h3' }] });
      blocks.push({
        kind: 'table',
        header: ['序号', '整改措施', '责任单位', '责任领导', '责任人', '完成时限'],
        rows: p.measures.map((m, n) => [
          String(n + 1),
          m.content,
          m.department ?? '',
          m.leader ?? '',
          m.person ?? '',
          m.deadline,
        ]),
      });
    }
  });
  return { title: `${i.partyOrgName}落实${i.groupName ?? ''}${i.kind}反馈意见整改方案`, blocks };
}
