/** Pure helpers of the ledger page: the tree rows of the table and the filters. */
import type { TLedgerView, TMeasureView, TProblemView } from '@shared/api.ts';
import type { TMeasureState, TWarningColour } from '@shared/domain.ts';
import { measureMarker } from '@shared/chinese.ts';

/** The filters of the ledger. */
export type TLedgerFilter = {
  states: TMeasureState[];
  departmentId: number | null;
  personId: number | null;
  colour: TWarningColour | null;
  text: string;
};

/** No filter at all. */
export const EMPTY_FILTER: TLedgerFilter = {
  states: [],
  departmentId: null,
  personId: null,
  colour: null,
  text: '',
};

/** One row of the tree table. */
export type TLedgerRow =
  | { key: string; kind: 'category'; label: string; title: string; children: TLedgerRow[] }
  | {
      key: string;
      kind: 'problem';
      label: string;
      title: string;
      problem: TProblemView;
      children?: TLedgerRow[];
    }
  | { key: string; kind: 'measure'; label: string; title: string; measure: TMeasureView };

/** True when the measure passes the filter; the text searches the measure and its problem and category. */
export function measureMatches(m: TMeasureView, f: TLedgerFilter, context: string): boolean {
  if (f.states.length > 0 && !f.states.includes(m.state)) return false;
  if (f.departmentId !== null && m.departmentId !== f.departmentId) return false;
  if (f.personId !== null && m.personId !== f.personId && m.leaderId !== f.personId) return false;
  if (f.colour !== null && m.colour !== f.colour) return false;
  const text = f.text.trim();
  if (text !== '') {
    const haystack = [
      m.content,
      m.task,
      m.progress ?? '',
      m.departmentName ?? '',
      m.personName ?? '',
      m.leaderName ?? '',
      context,
    ].join('\n');
    if (!haystack.includes(text)) return false;
  }
  return true;
}

/** True when any filter is set. */
export function isFiltering(f: TLedgerFilter): boolean {
  return (
    f.states.length > 0 ||
    f.departmentId !== null ||
    f.personId !== null ||
    f.colour !== null ||
    f.text.trim() !== ''
  );
}

/** Builds category → problem → measure rows, keeping only branches with matching measures while filtering. */
export function buildLedgerRows(ledger: TLedgerView, f: TLedgerFilter): TLedgerRow[] {
  const filtering = isFiltering(f);
  const problemRow = (p: TProblemView, context: string): TLedgerRow | null => {
    const ctx = `${context}\n${p.title}`;
    const measures: TLedgerRow[] = p.measures
      .filter((m) => measureMatches(m, f, ctx))
      .map((m) => ({
        key: `m-${m.id}`,
        kind: 'measure' as const,
        label: measureMarker(m.ordinal),
        title: m.content,
        measure: m,
      }));
    const subs = p.subproblems.map((s) => problemRow(s, ctx)).filter((r): r is TLedgerRow => r !== null);
    const children = [...measures, ...subs];
    if (filtering && children.length === 0) return null;
    return {
      key: `p-${p.id}`,
      kind: 'problem',
      label: `${p.number}.`,
      title: p.title,
      problem: p,
      ...(children.length > 0 ? { children } : {}),
    };
  };
  const rows: TLedgerRow[] = [];
  for (const c of ledger.categories) {
    const children = c.problems.map((p) => problemRow(p, c.title)).filter((r): r is TLedgerRow => r !== null);
    if (filtering && children.length === 0) continue;
    rows.push({
      key: `c-${c.id}`,
      kind: 'category',
      label: `(${toCategoryNumeral(c.ordinal)})`,
      title: c.title,
      children,
    });
  }
  return rows;
}

function toCategoryNumeral(n: number): string {
  return measureMarker(n).slice(0, -1);
}

/** Every row key, to expand the whole tree. */
export function allRowKeys(rows: TLedgerRow[]): string[] {
  const keys: string[] = [];
  const walk = (r: TLedgerRow) => {
    keys.push(r.key);
    if (r.kind !== 'measure') for (const c of r.children ?? []) walk(c);
  };
  rows.forEach(walk);
  return keys;
}

/** Counts of the visible measures. */
export function countMeasures(rows: TLedgerRow[]): number {
  let n = 0;
  const walk = (r: TLedgerRow) => {
    if (r.kind === 'measure') n += 1;
    else for (const c of r.children ?? []) walk(c);
  };
  rows.forEach(walk);
  return n;
}
