import { useQuery } from "@tanstack/react-query";
import { api } from "../../../web/api.ts";
import { useLocale, useT } from "../../../web/i18n.tsx";
import { getCopyOrigin } from "../shared/contract.ts";

/** A day in the person's language. */
export const useWhen = () => {
  const { locale } = useLocale();
  return (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));
};

/** On a course page, for its editors: where the course was copied from, when it came from a partner platform. */
export function CopyOriginNotice({ courseId }: { courseId: string }) {
  const t = useT();
  const when = useWhen();
  const q = useQuery({ queryKey: ["federation", "origin", courseId], queryFn: () => api(getCopyOrigin, { params: { courseId } }), staleTime: 5 * 60_000 });
  const o = q.data?.origin;
  if (!o) return null;
  return (
    <div className="alert copy-origin" role="note">
      <p>{t("ui.federation.copy.origin", { title: o.title, platform: o.platform, when: when(o.copiedAt), who: o.copiedBy })}</p>
    </div>
  );
}
