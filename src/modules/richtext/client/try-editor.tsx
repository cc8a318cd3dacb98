import { RichTextEditor } from "../../../web/rich-text/index.ts";
import { useT } from "../../../web/i18n.tsx";
import { PageTitle } from "../../../web/ui.tsx";

/** A scratch page to try the editor (formulas included) and see the server rendering; nothing is saved. */
export function TryEditorPage() {
  const t = useT();
  return (
    <>
      <PageTitle>{t("ui.richtext.try_title")}</PageTitle>
      <p>{t("ui.richtext.try_intro")}</p>
      <RichTextEditor label={t("ui.richtext.try_label")} description={t("ui.richtext.try_help")} />
    </>
  );
}
