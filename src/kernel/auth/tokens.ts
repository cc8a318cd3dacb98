import { createHash } from "node:crypto";
import { randomBytes } from "../random.ts";

/** Opaque tokens (sessions, resets): only their SHA-256 is stored. */
export const newToken = () => randomBytes(32).toString("base64url");
export const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");
