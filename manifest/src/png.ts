/**
 * Just enough PNG for the app package: write 8-bit RGBA images (the icons we draw) and read the PNGs a council
 * may put in their place, so that their size and transparency can be checked. Reads 8-bit, non-interlaced
 * greyscale, RGB, palette, greyscale+alpha and RGBA images; anything else is refused with a message saying
 * how to save the file instead.
 */
import zlib from 'node:zlib';

export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4 bytes: red, green, blue, alpha. */
  pixels: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes an RGBA image (every row unfiltered: icons are small and deflate does the work). */
export function encodePng(image: RgbaImage): Buffer {
  const { width, height, pixels } = image;
  if (pixels.length !== width * height * 4)
    throw new Error(`encodePng: ${pixels.length} bytes is not ${width}×${height} RGBA pixels.`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++)
    Buffer.from(pixels.buffer, pixels.byteOffset + y * width * 4, width * 4).copy(
      raw,
      y * (width * 4 + 1) + 1,
    );
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** The size from the header alone (cheap, and works for any PNG). */
export function pngSize(file: Buffer): { width: number; height: number } {
  if (
    file.length < 24 ||
    !file.subarray(0, 8).equals(SIGNATURE) ||
    file.toString('latin1', 12, 16) !== 'IHDR'
  )
    throw new Error('is not a PNG file');
  return { width: file.readUInt32BE(16), height: file.readUInt32BE(20) };
}

/** Decodes a PNG to RGBA, or throws a message a person can act on. */
export function decodePng(file: Buffer): RgbaImage {
  const { width, height } = pngSize(file);
  let depth = 0;
  let colour = 0;
  let interlace = 0;
  let palette: Buffer | undefined;
  let transparency: Buffer | undefined;
  const data: Buffer[] = [];
  for (let at = 8; at + 12 <= file.length;) {
    const length = file.readUInt32BE(at);
    const type = file.toString('latin1', at + 4, at + 8);
    const body = file.subarray(at + 8, at + 8 + length);
    if (body.length !== length) throw new Error('is cut short (a chunk runs past the end of the file)');
    if (zlib.crc32(file.subarray(at + 4, at + 8 + length)) !== file.readUInt32BE(at + 8 + length))
      throw new Error(`is damaged (the ${type} chunk's checksum does not match)`);
    if (type === 'IHDR') [depth, colour, interlace] = [body[8]!, body[9]!, body[12]!];
    else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') transparency = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const channels = CHANNELS[colour];
  if (depth !== 8 || channels === undefined || interlace !== 0)
    throw new Error(
      `uses a PNG format this check does not read (bit depth ${depth}, colour type ${colour}${interlace ? ', interlaced' : ''}); save it as an 8-bit RGBA PNG, not interlaced`,
    );
  if (colour === 3 && !palette) throw new Error('is a palette image without a palette');
  const raw = zlib.inflateSync(Buffer.concat(data));
  const stride = width * channels;
  if (raw.length !== height * (stride + 1))
    throw new Error('has image data of the wrong length for its size');
  const rows = unfilter(raw, width, height, channels);
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const s = rows.subarray(i * channels, i * channels + channels);
    const o = i * 4;
    if (colour === 6) pixels.set(s, o);
    else if (colour === 2) pixels.set([s[0]!, s[1]!, s[2]!, 255], o);
    else if (colour === 0) pixels.set([s[0]!, s[0]!, s[0]!, 255], o);
    else if (colour === 4) pixels.set([s[0]!, s[0]!, s[0]!, s[1]!], o);
    else {
      const p = s[0]!;
      pixels.set(
        [palette![p * 3] ?? 0, palette![p * 3 + 1] ?? 0, palette![p * 3 + 2] ?? 0, transparency?.[p] ?? 255],
        o,
      );
    }
  }
  return { width, height, pixels };
}

/** Reverses PNG's per-row filters (none, sub, up, average, Paeth) for whole-byte pixels. */
function unfilter(raw: Buffer, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp]! : 0;
      const b = y > 0 ? out[row - stride + x]! : 0;
      const c = x >= bpp && y > 0 ? out[row - stride + x - bpp]! : 0;
      let add: number;
      if (filter === 0) add = 0;
      else if (filter === 1) add = a;
      else if (filter === 2) add = b;
      else if (filter === 3) add = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else throw new Error(`has an unknown row filter (${filter})`);
      out[row + x] = (line[x]! + add) & 0xff;
    }
  }
  return out;
}
