import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { api } from "../../../web/api.ts";
import { useLocale, useT } from "../../../web/i18n.tsx";
import { getCopyOrigin } from "../shared/contract.ts";
import "./copy.css";

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

/** On the federation page, an agreement in force that lets this platform copy courses: the way to the copy list. */
export function GoCopy({ platform }: { platform: string }) {
  const t = useT();
  return (
    <Link className="btn btn-secondary" to="/partner-courses" hash="copyable-courses" aria-label={t("ui.federation.copy.goCopyFrom", { platform })}>
      {t("ui.federation.copy.goCopy")}
    </Link>
  );
}
