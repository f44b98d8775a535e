/** Hand-built ZIP containers for tests of the container limits: honest, lying and oversized ones. */
import { Readable } from 'node:stream';
import { createDeflateRaw } from 'node:zlib';

/** One entry; `size` is what the headers declare (a bomb may lie). */
export type TZipEntry = { name: string; data: Buffer; size: number; method?: 0 | 8 };

/** A ZIP of the given entries; `size` is what the headers declare (a bomb may lie). */
export function buildZip(entries: TZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method ?? 8, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method ?? 8, 10);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** `megabytes` of zeros deflated (about 1 KB per MB), without ever holding them in memory. */
export async function deflatedZeros(megabytes: number): Promise<Buffer> {
  const chunk = Buffer.alloc(1024 * 1024);
  const source = Readable.from(
    (function* () {
      for (let i = 0; i < megabytes; i += 1) yield chunk;
    })(),
  );
  const parts: Buffer[] = [];
  for await (const part of source.pipe(createDeflateRaw({ level: 9 }))) parts.push(part as Buffer);
  return Buffer.concat(parts);
}
