import type { FastifyReply, FastifyRequest } from "fastify";

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1|.*\.localhost)$/;

/**
 * `__Host-` cookies need a secure context: https, or loopback for local use (browsers accept it).
 * The platform's slug is part of the name so that several platforms on one host (/p/<slug>)
 * keep separate sessions.
 */
export const isSecure = (req: FastifyRequest) => req.protocol === "https" || LOOPBACK.test(req.hostname.replace(/:\d+$/, ""));
const prefix = (req: FastifyRequest) => (isSecure(req) ? "__Host-" : "");
export const sessionCookie = (req: FastifyRequest) => `${prefix(req)}archipel-${req.tenant?.slug ?? "none"}`;
export const csrfCookie = (req: FastifyRequest) => `${prefix(req)}archipel-csrf`;

/** `readable` for a cookie the web client may change itself (the language choice), never for tokens. */
export function setCookie(req: FastifyRequest, reply: FastifyReply, name: string, value: string, maxAgeSeconds?: number, readable = false) {
  reply.setCookie(name, value, { path: "/", httpOnly: !readable, sameSite: "lax", secure: !readable && isSecure(req), ...(maxAgeSeconds && { maxAge: maxAgeSeconds }) });
}

export function clearCookie(req: FastifyRequest, reply: FastifyReply, name: string) {
  reply.clearCookie(name, { path: "/", httpOnly: true, sameSite: "lax", secure: isSecure(req) });
}

/** The Set-Cookie header that clears a cookie, for responses written outside Fastify's reply (hijacked ones). */
export const clearedCookieHeader = (req: FastifyRequest, name: string) =>
  req.server.serializeCookie(name, "", { path: "/", httpOnly: true, sameSite: "lax", secure: isSecure(req), expires: new Date(0) });
