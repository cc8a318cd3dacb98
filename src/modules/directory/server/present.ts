import { type Locale, t } from "../../../kernel/i18n.ts";
import type { ImportStatus } from "../shared/contract.ts";
import type { ImportRow } from "./repo.ts";

/** `error` holds a message id (errors.import.*), shown in the reader's language. */
export const presentImport = (row: ImportRow, locale: Locale): ImportStatus => ({
  id: row.id,
  status: row.status,
  total: row.total,
  done: row.done,
  createdUsers: row.created_users,
  createdClasses: row.created_classes,
  error: row.error ? t(locale, `errors.${row.error}`) : null,
});
