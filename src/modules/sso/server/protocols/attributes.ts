/** What an identity provider said about the person: claim or attribute name → value(s). */
export type Attributes = Record<string, unknown>;

/** Loopback addresses: http is accepted for providers there (development, tests), https elsewhere. */
export const isLoopback = (host: string) => /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1|.*\.localhost)$/.test(host);
