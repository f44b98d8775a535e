/** LibreOffice for the document tests: where it is, and converting .docx files to PDF with it. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's LibreOffice, when installed. */
export const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

/**
 * Converts `files` to PDF in `dir` (a private profile under `dir`, so runs never share one); each `x.docx` becomes
 * `dir/x.pdf`. Throws when LibreOffice is not installed.
 */
export function convertToPdf(dir: string, files: readonly string[], timeout = 120_000): void {
  if (SOFFICE === undefined)
    throw new Error('LibreOffice is required (.ci/run installs libreoffice-writer-nogui)');
  execFileSync(
    SOFFICE,
    [
      '--headless',
      `-env:UserInstallation=file://${dir}/profile`,
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      ...files,
    ],
    { timeout, stdio: 'ignore' },
  );
}
