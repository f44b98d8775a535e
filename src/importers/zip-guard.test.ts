import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { toDocx } from '@documents/official-docx.ts';
import { buildZip, deflatedZeros } from './zip-fixtures.ts';
import { checkZip, DEFAULT_ZIP_LIMITS, xmlDepth } from './zip-guard.ts';

const xml = (s: string) => deflateRawSync(Buffer.from(s));

describe('ZIP container limits', () => {
  it('accepts the .docx files the system itself writes', async () => {
    const docx = await toDocx({
      title: '测试',
      blocks: [{ kind: 'p', runs: [{ text: '正文。', style: 'body' }] }],
    });
    expect(checkZip(docx)).toEqual({ ok: true });
  });

  it('refuses a bomb by its declared size, and one whose headers lie by its actual inflated size', async () => {
    const zeros = await deflatedZeros(300);
    expect(zeros.length).toBeLessThan(1024 * 1024);
    const honest = buildZip([{ name: 'word/document.xml', data: zeros, size: 300 * 1024 * 1024 }]);
    expect(checkZip(honest)).toMatchObject({ ok: false, isTooLarge: true });
    const lying = buildZip([{ name: 'word/document.xml', data: zeros, size: 1000 }]);
    const verdict = checkZip(lying);
    expect(verdict).toMatchObject({ ok: false, isTooLarge: true });
    if (!verdict.ok) expect(verdict.error).toContain('压缩炸弹');
  });

  it('refuses many small lies that add up, and too many entries', async () => {
    const zeros = await deflatedZeros(60);
    const many = buildZip(
      Array.from({ length: 5 }, (_, i) => ({ name: `xl/media/p${i}.bin`, data: zeros, size: 10 })),
    );
    expect(checkZip(many)).toMatchObject({ ok: false, isTooLarge: true });
    const empty = xml('');
    const crowd = buildZip(
      Array.from({ length: 5001 }, (_, i) => ({ name: `f${i}.txt`, data: empty, size: 0 })),
    );
    expect(checkZip(crowd)).toMatchObject({ ok: false, isTooLarge: true });
  });

  it('refuses XML nested deeper than the limit, without recursion', () => {
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    expect(xmlDepth(Buffer.from(deep))).toBe(100_000);
    expect(xmlDepth(Buffer.from('<?xml version="1.0"?><w:document><w:p><w:r/></w:p></w:document>'))).toBe(2);
    const zip = buildZip([{ name: 'word/document.xml', data: xml(deep), size: deep.length }]);
    expect(checkZip(zip)).toMatchObject({ ok: false });
  });

  it('refuses embedded programs, OLE packages and macros in evidence, not in imports', () => {
    const program = buildZip([
      { name: 'word/document.xml', data: xml('<w:document/>'), size: 13 },
      { name: 'word/embeddings/oleObject1.bin', data: xml('MZ\u0090\u0000 program'), size: 12 },
    ]);
    const evidence = { ...DEFAULT_ZIP_LIMITS, refuseEmbedded: true };
    expect(checkZip(program, evidence)).toMatchObject({ ok: false });
    expect(checkZip(program)).toEqual({ ok: true });
    const packaged = buildZip([
      {
        name: 'word/embeddings/oleObject1.bin',
        data: xml(`xx${Buffer.from('Ole10Native', 'utf16le').toString('latin1')}`),
        size: 30,
      },
    ]);
    expect(checkZip(packaged, evidence)).toMatchObject({ ok: false });
    const macro = buildZip([{ name: 'word/vbaProject.bin', data: xml('x'), size: 1 }]);
    const verdict = checkZip(macro, evidence);
    expect(verdict.ok === false && verdict.error).toContain('宏');
  });

  it('refuses a truncated container as damaged, not as too large', () => {
    const zip = buildZip([{ name: 'a.xml', data: xml('<a/>'), size: 4 }]);
    expect(checkZip(zip.subarray(0, zip.length - 30))).toMatchObject({ ok: false, isTooLarge: false });
  });
});
