type T = (id: string, values?: Record<string, string | number | Date>) => string;

/** A notification's sentence in the reader's language, from its kind and parameters. */
export function notificationText(t: T, kind: string, params: Record<string, unknown>) {
  const known = ["forum.post", "message.new", "message.reported", "mailing.new", "welcome", "grade.released", "absence.new", "absence.decided"];
  const values = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "number" ? v : String(v ?? "")]));
  return known.includes(kind) ? t(`ui.notifications.kind.${kind.replace(".", "_")}`, values) : t("ui.notifications.kind.other");
}
