import { randomFillSync } from "node:crypto";

/**
 * Bytes from the system's CSPRNG, drawn 4 KiB at a time and each handed out once (as Node's own
 * randomUUID does). A call into OpenSSL costs about 10 µs on a busy server whatever its size, and
 * every sign-in needs three (two tokens and an id). The bytes handed out are wiped from the pool.
 */
const pool = Buffer.allocUnsafe(4096);
let used = pool.length;

export function randomBytes(n: number): Buffer {
  if (n > pool.length) return randomFillSync(Buffer.alloc(n));
  if (used + n > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const bytes = Buffer.from(pool.subarray(used, used + n));
  pool.fill(0, used, used + n);
  used += n;
  return bytes;
}
