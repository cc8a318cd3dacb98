import { v7 } from "uuid";
import { randomBytes } from "./random.ts";

// uuid's own monotonic state (RFC 9562 §6.2, method 1: a 32-bit counter seeded at random each
// millisecond), kept here because uuid only takes its random bytes from us together with it
const state = { msecs: Number.NEGATIVE_INFINITY, seq: 0 };

/** Ids are UUIDv7, made by the application (no sequences; PostgreSQL 15 has no uuidv7()), in the order they are made. */
export const newId = (): string => {
  const random = randomBytes(16);
  const now = Date.now();
  if (now > state.msecs) {
    state.msecs = now;
    state.seq = ((random[6] & 0x7f) << 24) | (random[7] << 16) | (random[8] << 8) | random[9];
  } else {
    state.seq = (state.seq + 1) | 0;
    if (state.seq === 0) state.msecs++;
  }
  return v7({ random, msecs: state.msecs, seq: state.seq });
};
export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
