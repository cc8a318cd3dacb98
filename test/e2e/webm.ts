import type { Page } from "playwright-core";

/**
 * MediaRecorder writes WebM without a duration, and Chromium does not seek in such files; this
 * adds the Duration element to the Segment's Info (what the fix-webm-duration library does).
 */
export function withWebmDuration(input: Buffer, durationMs: number): Buffer {
  const vint = (pos: number, keepMarker: boolean) => {
    const first = input[pos];
    let len = 1;
    while (len <= 8 && !(first & (0x80 >> (len - 1)))) len++;
    let value = keepMarker ? first : first & (0xff >> len);
    for (let i = 1; i < len; i++) value = value * 256 + input[pos + i];
    return { len, value };
  };
  const element = (pos: number) => {
    const id = vint(pos, true);
    const size = vint(pos + id.len, false);
    return { id: id.value, start: pos, dataStart: pos + id.len + size.len, size: size.value, unknown: size.len === 8 && size.value === 2 ** 56 - 1 };
  };
  const ebml = element(0);
  const segment = element(ebml.dataStart + ebml.size);
  if (segment.id !== 0x18538067) throw new Error("no WebM Segment");
  for (let pos = segment.dataStart; ; ) {
    const e = element(pos);
    if (e.id === 0x1549a966) {
      let scale = 1_000_000;
      for (let p = e.dataStart; p < e.dataStart + e.size; ) {
        const c = element(p);
        if (c.id === 0x4489) return input;
        if (c.id === 0x2ad7b1) scale = Number.parseInt(input.subarray(c.dataStart, c.dataStart + c.size).toString("hex"), 16);
        p = c.dataStart + c.size;
      }
      const duration = Buffer.alloc(11);
      duration.writeUInt16BE(0x4489, 0);
      duration[2] = 0x88; // 8-byte float
      duration.writeDoubleBE((durationMs * 1_000_000) / scale, 3);
      const size = Buffer.alloc(8); // the Info's new size as an 8-byte EBML number
      size[0] = 0x01;
      size.writeUIntBE(e.size + duration.length, 2, 6);
      return Buffer.concat([
        input.subarray(0, e.start + 4),
        size,
        input.subarray(e.dataStart, e.dataStart + e.size),
        duration,
        input.subarray(e.dataStart + e.size),
      ]);
    }
    if (e.unknown) throw new Error("no Info in the WebM Segment");
    pos = e.dataStart + e.size;
  }
}

/** Records `seconds` of a canvas (a counter on a changing colour) to WebM inside the page. */
export async function recordWebm(page: Page, seconds: number): Promise<Buffer> {
  const b64 = await page.evaluate(async (ms) => {
    const c = document.createElement("canvas");
    c.width = 160;
    c.height = 120;
    const g = c.getContext("2d")!;
    const rec = new MediaRecorder(c.captureStream(15), { mimeType: "video/webm;codecs=vp8" });
    const parts: Blob[] = [];
    rec.ondataavailable = (e) => parts.push(e.data);
    let f = 0;
    const draw = () => {
      g.fillStyle = `hsl(${(f * 12) % 360},70%,45%)`;
      g.fillRect(0, 0, 160, 120);
      g.fillStyle = "#fff";
      g.font = "48px sans-serif";
      g.fillText(String(Math.floor(f / 15)), 60, 80);
      f++;
    };
    draw();
    const timer = setInterval(draw, 66);
    rec.start(500);
    await new Promise((r) => setTimeout(r, ms));
    const stopped = new Promise((r) => (rec.onstop = r));
    rec.stop();
    await stopped;
    clearInterval(timer);
    const bytes = new Uint8Array(await new Blob(parts, { type: "video/webm" }).arrayBuffer());
    let s = "";
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }, seconds * 1000);
  return withWebmDuration(Buffer.from(b64, "base64"), seconds * 1000);
}
