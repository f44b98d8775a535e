/**
 * Evidence photos are scaled down in the browser before upload when their longer edge exceeds the server's
 * `photoMaxEdge` (a phone photo of 4000×3000 px and 5 MB becomes ~2048×1536 px and a few hundred KB), so a
 * responsible person on a slow mobile connection can send it. The original's SHA-256 is sent along and kept with the
 * evidence, so the full photo kept on the phone can later be matched to it. Other files go as they are.
 */

const SCALABLE = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** The file's SHA-256 (hex), or null where the browser offers no Web Crypto (plain http on another host). */
export async function sha256Hex(file: Blob): Promise<string | null> {
  // Web Crypto only exists in secure contexts (https, localhost); elsewhere no hash is recorded.
  const subtle = (globalThis.crypto as Crypto | undefined)?.subtle;
  if (subtle === undefined) return null;
  const digest = await subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The size to scale a `width`×`height` image to so its longer edge is at most `maxEdge`; null when it fits. */
export function scaledSize(
  width: number,
  height: number,
  maxEdge: number,
): { width: number; height: number } | null {
  const longer = Math.max(width, height);
  if (longer <= maxEdge || longer === 0) return null;
  const k = maxEdge / longer;
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

/** The file to upload: a scaled-down copy of a large photo (with the original's hash), else the file itself. */
export async function preparePhoto(
  file: File,
  maxEdge: number,
): Promise<{ file: File; originalSha256: string | null }> {
  if (!SCALABLE.has(file.type) || typeof createImageBitmap !== 'function')
    return { file, originalSha256: null };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { file, originalSha256: null }; // not decodable here: the server decides about it
  }
  const size = scaledSize(bitmap.width, bitmap.height, maxEdge);
  if (size === null) {
    bitmap.close();
    return { file, originalSha256: null };
  }
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  const type = file.type === 'image/png' ? 'image/png' : 'image/jpeg';
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, 0.85));
  if (blob === null || blob.size >= file.size) return { file, originalSha256: null };
  const name = type === 'image/jpeg' ? file.name.replace(/\.(png|webp|jpe?g)$/i, '') + '.jpg' : file.name;
  return { file: new File([blob], name, { type }), originalSha256: await sha256Hex(file) };
}
