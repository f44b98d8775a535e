/** A problem's body split into its 一是/二是 (or (1)/(2)) measures. */
import { measureMarker } from '@shared/chinese.ts';
import type { TImportedMeasure } from '@shared/import-structure.ts';

/** Splits a problem's body into its intro and 一是/二是… measures; with no 一是 the whole body is one measure. */
export function splitMeasures(body: string): { intro: string | null; measures: TImportedMeasure[] } {
  const text = body.trim();
  if (text === '') return { intro: null, measures: [] };
  for (const marker of MARKER_FAMILIES) {
    const found = findMarkers(text, marker);
    if (found.length === 0) continue;
    const first = found[0]?.start ?? 0;
    const intro = tidy(text.slice(0, first));
    const measures = found.map((m, i) => ({
      text: tidy(text.slice(m.end, found[i + 1]?.start ?? text.length)),
    }));
    return { intro: intro === '' ? null : intro, measures: measures.filter((m) => m.text !== '') };
  }
  return { intro: null, measures: [{ text: tidy(text) }] };
}

/** Measure markers in order of preference: 一是/二是…, then (1)/(2)… */
const MARKER_FAMILIES: ReadonlyArray<(n: number) => string> = [measureMarker, (n) => `(${n})`];

/** Finds the sequential markers 1, 2, 3… of one family, each standing at a sentence boundary. */
function findMarkers(text: string, marker: (n: number) => string): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  let from = 0;
  for (let n = 1; n <= 99; n += 1) {
    const m = marker(n);
    let at = text.indexOf(m, from);
    let start = -1;
    while (at !== -1) {
      const before = at === 0 ? '' : (text[at - 1] ?? '');
      // 十一是 must not be read as 一是: the marker has to stand at a sentence boundary.
      if (at === 0 || /[。;!?\n:,\s]/.test(before)) {
        start = at;
        break;
      }
      at = text.indexOf(m, at + 1);
    }
    if (start === -1) break;
    found.push({ start, end: start + m.length });
    from = start + m.length;
  }
  return found;
}

function tidy(text: string): string {
  return text
    .replace(/\n+/g, '')
    .replace(/^[,:;\s]+/, '')
    .trim();
}
