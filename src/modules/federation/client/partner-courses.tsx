import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Button } from "react-aria-components";
import type { z } from "zod";
import { api } from "../../../web/api.ts";
import { useLocale, useT } from "../../../web/i18n.tsx";
import { EmptyState, Loading, PageTitle, QueryError, useAnnounce, useErrorText } from "../../../web/ui.tsx";
import { CopyablePartnerCourses } from "./copy.tsx";
import { joinPartnerCourse, listPartnerCourses, myRecord, type PartnerCourse } from "../shared/contract.ts";

type Course = z.infer<typeof PartnerCourse>;

/** Partner platforms' courses open to me, and my record of the ones I joined (also shown in the catalogue). */
export function PartnerCoursesPage() {
  const t = useT();
  return (
    <>
      <PageTitle>{t("ui.federation.courses.title")}</PageTitle>
      <p className="lead">{t("ui.federation.courses.lead")}</p>
      <PartnerCourses always />
      <CopyablePartnerCourses />
      <MyRecord />
    </>
  );
}

/** The list of partner courses; in the catalogue (`always` unset) it shows only when there are some. */
export function PartnerCourses({ always }: { always?: boolean }) {
  const t = useT();
  const q = useQuery({ queryKey: ["federation", "courses"], queryFn: () => api(listPartnerCourses) });
  if (q.isPending) return always ? <Loading /> : null;
  if (q.isError) return <QueryError error={q.error} />;
  if (q.data.items.length === 0)
    return always ? (
      <section className="section" aria-labelledby="partner-courses">
        <h2 id="partner-courses">{t("ui.federation.courses.open")}</h2>
        <EmptyState title={t("ui.federation.courses.none")}>
          <p>{t("ui.federation.courses.noneHelp")}</p>
        </EmptyState>
      </section>
    ) : null;
  return (
    <section className="section" aria-labelledby="partner-courses">
      <h2 id="partner-courses">{t("ui.federation.courses.open")}</h2>
      <ul className="cards">
        {q.data.items.map((c) => (
          <PartnerCard key={`${c.agreementId}:${c.courseId}:${c.role}`} c={c} />
        ))}
      </ul>
    </section>
  );
}

function PartnerCard({ c }: { c: Course }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const join = useMutation({
    mutationFn: () =>
      api(joinPartnerCourse, { params: { agreementId: c.agreementId, courseId: c.courseId }, body: { role: c.role === "teacher" ? "teacher" : "learner" } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ["federation"] });
      announce(t(c.role === "learner" ? "ui.federation.courses.enrolled" : "ui.federation.courses.joined", { title: c.title }));
    },
  });
  return (
    <li className="card">
      <h3>{c.title}</h3>
      <p className="muted small">{t("ui.federation.courses.from", { platform: c.platform })}</p>
      {c.summary && <p>{c.summary}</p>}
      {c.role === "teacher" && <span className="badge badge-neutral">{t("ui.federation.courses.coteach")}</span>}
      {c.role === "browse" && <p className="muted small">{t("ui.federation.courses.browseOnly")}</p>}
      {join.isError && (
        <p className="field-error" role="alert">
          {errorText(join.error)}
        </p>
      )}
      <div className="form-actions">
        {c.role === "browse" ? null : c.enrolled ? (
          <Link className="btn btn-primary" to="/partner-courses/$agreementId/$courseId" params={{ agreementId: c.agreementId, courseId: c.courseId }}>
            {t("ui.federation.courses.openCourse")}
          </Link>
        ) : (
          <Button className="btn btn-primary" isPending={join.isPending} onPress={() => join.mutate()}>
            {t(c.role === "learner" ? "ui.federation.courses.enrol" : "ui.federation.courses.join")}
          </Button>
        )}
      </div>
    </li>
  );
}

/** What I did in partner courses, kept by my own platform: read-only once the agreement has ended. */
function MyRecord() {
  const t = useT();
  const { locale } = useLocale();
  const q = useQuery({ queryKey: ["federation", "record"], queryFn: () => api(myRecord) });
  const when = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
  return (
    <section className="section" aria-labelledby="my-record">
      <h2 id="my-record">{t("ui.federation.record.title")}</h2>
      <p className="muted">{t("ui.federation.record.lead")}</p>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : q.data.items.length === 0 ? (
        <EmptyState title={t("ui.federation.record.empty")} />
      ) : (
        q.data.items.map((c) => (
          <article key={`${c.courseId}:${c.role}`} className="card">
            <h3>{c.title}</h3>
            <p className="muted small">
              {t("ui.federation.courses.from", { platform: c.platform })} ·{" "}
              <span className={`badge ${c.open ? "badge-ok" : "badge-warn"}`}>{t(c.open ? "ui.federation.record.open" : "ui.federation.record.closed")}</span>
            </p>
            {c.items.length === 0 ? (
              <p className="muted">{t("ui.federation.record.nothing")}</p>
            ) : (
              <ul className="list">
                {c.items.map((i) => (
                  <li key={i.id} className="list-item">
                    <span>{i.title}</span>{" "}
                    <span className="muted small">
                      {i.doneAt ? t("ui.federation.record.doneAt", { when: when(i.doneAt) }) : t("ui.federation.record.opened")}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {c.open && (
              <Link to="/partner-courses/$agreementId/$courseId" params={{ agreementId: c.agreementId, courseId: c.courseId }}>
                {t("ui.federation.courses.openCourse")}
              </Link>
            )}
          </article>
        ))
      )}
    </section>
  );
}
