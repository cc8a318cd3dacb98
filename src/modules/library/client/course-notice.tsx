import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { listImports } from "../shared/contract.ts";

/**
 * On a course page, for its editors: "version N available" when the course is a linked copy of a
 * library entry that has a newer version. Reads the platform's imports list (one query, shared
 * with the imports page), so courses not made from the library cost nothing more.
 */
export function LibraryUpdateNotice({ courseId }: { courseId: string }) {
  const t = useT();
  const q = useQuery({ queryKey: ["library", "imports"], queryFn: () => api(listImports), staleTime: 60_000 });
  const r = q.data?.items.find((i) => i.courseId === courseId);
  if (!r || !r.linked || r.withdrawn || r.latestVersion <= r.version) return null;
  return (
    <div className="alert" role="status">
      <p>
        {t("ui.library.notice", { n: r.latestVersion, entry: r.entryTitle })}{" "}
        <Link to="/library/imports/$id" params={{ id: courseId }}>
          {t("ui.library.noticeLink")}
        </Link>
      </p>
    </div>
  );
}
