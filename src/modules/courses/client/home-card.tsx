import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState } from "../../../web/ui.tsx";
import { CourseCardView } from "./parts.tsx";
import { myCoursesQuery } from "./queries.ts";

/** "My courses" on the home page: courses where I hold a role. */
export function MyCoursesCard() {
  const t = useT();
  const q = useQuery(myCoursesQuery);
  return (
    <section aria-labelledby="home-courses" className="section">
      <h2 id="home-courses">{t("ui.courses.mine")}</h2>
      {q.data && q.data.length > 0 ? (
        <ul className="cards">
          {q.data.slice(0, 6).map((c) => (
            <CourseCardView key={c.id} c={c} />
          ))}
        </ul>
      ) : (
        q.data && (
          <EmptyState title={t("ui.courses.emptyHome")}>
            <p>
              <Link to="/catalogue">{t("ui.courses.browseCatalogue")}</Link>
            </p>
          </EmptyState>
        )
      )}
      {q.data && q.data.length > 6 && (
        <p>
          <Link to="/courses">{t("ui.courses.allMine", { count: q.data.length })}</Link>
        </p>
      )}
    </section>
  );
}
