/** What kind of evidence file bytes are, by content (never by name): images, PDF, Word, Excel. */
import JSZip from 'jszip';
import { checkZip, DEFAULT_ZIP_LIMITS } from '@importers/zip-guard.ts';

/** The detected type, or a Chinese refusal (`isTooLarge` for a container that inflates too far: HTTP 413). */
export type TEvidenceType =
  { ok: true; mime: string; isPreviewable: boolean } | { ok: false; error: string; isTooLarge?: boolean };

/** Detects the type of an evidence file. */
export async function detectEvidenceType(bytes: Uint8Array): Promise<TEvidenceType> {
  const at = (offset: number, ...sig: number[]) => sig.every((b, i) => bytes[offset + i] === b);
  if (
    at(0, 0x4d, 0x5a) ||
    at(0, 0x7f, 0x45, 0x4c, 0x46) ||
    at(0, 0x23, 0x21) ||
    at(0, 0xca, 0xfe, 0xba, 0xbe)
  ) {
    return { ok: false, error: '这是可执行程序或脚本，不能作为佐证材料上传' };
  }
  if (at(0, 0x89, 0x50, 0x4e, 0x47)) return { ok: true, mime: 'image/png', isPreviewable: true };
  if (at(0, 0xff, 0xd8, 0xff)) return { ok: true, mime: 'image/jpeg', isPreviewable: true };
  if (at(0, 0x47, 0x49, 0x46, 0x38)) return { ok: true, mime: 'image/gif', isPreviewable: true };
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50))
    return { ok: true, mime: 'image/webp', isPreviewable: true };
  if (at(0, 0x25, 0x50, 0x44, 0x46)) return { ok: true, mime: 'application/pdf', isPreviewable: true };
  // OLE compound files hold legacy Office documents but also .msi installers and embedded programs: refused.
  if (at(0, 0xd0, 0xcf, 0x11, 0xe0))
    return {
      ok: false,
      error:
        '旧版 Office 文件（.doc/.xls/.wps）和 OLE 复合文件（如 .msi 安装包）不能作为佐证材料，请另存为 .docx、.xlsx 或 PDF 后上传',
    };
  if (at(0, 0x50, 0x4b, 0x03, 0x04)) {
    const guard = checkZip(bytes, { ...DEFAULT_ZIP_LIMITS, refuseEmbedded: true });
    if (!guard.ok) return guard;
    try {
      const zip = await JSZip.loadAsync(bytes);
      if (zip.file('word/document.xml'))
        return {
          ok: true,
          mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          isPreviewable: false,
        };
      if (zip.file('xl/workbook.xml'))
        return {
          ok: true,
          mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          isPreviewable: false,
        };
    } catch {
      return { ok: false, error: '文件已损坏，无法识别' };
    }
  }
  return { ok: false, error: '不支持的文件类型：佐证材料可为图片、PDF、Word 或 Excel 文件' };
}
