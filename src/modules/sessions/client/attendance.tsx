import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useEffect, useRef, useState } from "react";
import { Button, Checkbox, Label, Radio, RadioGroup } from "react-aria-components";
import { api, url } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Loading, PageTitle, QueryError, useAnnounce, useErrorText } from "../../../web/ui.tsx";
import { getSession, listRegistrations, type Registration, takeAttendance } from "../shared/contract.ts";
import { registrationsKey, sessionKey, useWhen } from "./parts.tsx";

type Status = "present" | "absent" | "excused";

/** Attendance taking, made for a phone: one card per person with big choices and a signature pad. */
export function AttendancePage() {
  const t = useT();
  const { id, sessionId } = useParams({ strict: false }) as { id: string; sessionId: string };
  const s = useQuery({ queryKey: sessionKey(id, sessionId), queryFn: () => api(getSession, { params: { courseId: id, sessionId } }) });
  const r = useQuery({ queryKey: registrationsKey(sessionId), queryFn: () => api(listRegistrations, { params: { courseId: id, sessionId } }) });
  const when = useWhen();
  if (s.isPending || r.isPending) return <Loading />;
  if (s.isError || r.isError) return <QueryError error={s.error ?? r.error} />;
  const people = r.data.items.filter((x) => x.status === "approved");
  const count = (st: Status) => people.filter((p) => p.attendance?.status === st).length;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/courses/$id/sessions/$sessionId" params={{ id, sessionId }}>
          <span aria-hidden="true">← </span>
          {s.data.title}
        </Link>
      </p>
      <PageTitle
        actions={
          <a className="btn btn-secondary" href={url(`/api/v1/courses/${id}/sessions/${sessionId}/attendance.pdf`)} download>
            {t("ui.sessions.downloadSheet")}
          </a>
        }
      >
        {t("ui.sessions.attendanceTitle")}
      </PageTitle>
      <p className="muted">
        {s.data.course.title} · {when(s.data)}
      </p>
      <p role="status" className="attendance-totals">
        {t("ui.sessions.totals", { registered: people.length, present: count("present"), absent: count("absent"), excused: count("excused") })}
      </p>
      {people.length === 0 ? (
        <EmptyState title={t("ui.sessions.noRegistrations")} />
      ) : (
        <ul className="attendance-list">
          {people.map((p) => (
            <li key={p.id}>
              <PersonAttendance courseId={id} sessionId={sessionId} p={p} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function PersonAttendance({ courseId, sessionId, p }: { courseId: string; sessionId: string; p: Registration }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const name = `${p.givenName} ${p.familyName}`;
  const [signing, setSigning] = useState(false);
  const m = useMutation({
    mutationFn: (body: { status: Status; signature?: string | null; signedOnPaper?: boolean }) =>
      api(takeAttendance, { params: { courseId, sessionId, userId: p.userId }, body: { signedOnPaper: false, ...body } }),
    onError: (e) => announce(errorText(e), "error"),
    onSuccess: (r) => {
      qc.setQueryData(
        registrationsKey(sessionId),
        (old: { items: Registration[] } | undefined) => old && { items: old.items.map((x) => (x.id === r.id ? r : x)) },
      );
      qc.invalidateQueries({ queryKey: registrationsKey(sessionId) });
      announce(t("ui.sessions.recorded", { name, status: t(`ui.sessions.presence.${r.attendance?.status ?? "unrecorded"}`) }));
    },
  });
  const a = p.attendance;
  const headingId = `person-${p.id}`;
  return (
    <section className="card attendance-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="attendance-name">
        {p.familyName} {p.givenName}
      </h2>
      <RadioGroup
        className="presence"
        aria-label={t("ui.sessions.presenceOf", { name })}
        value={(m.isPending ? m.variables?.status : a?.status) ?? null}
        orientation="horizontal"
        onChange={(v) =>
          m.mutate({ status: v as Status, signature: v === "present" ? (a?.signature ?? null) : null, signedOnPaper: v === "present" && !!a?.signedOnPaper })
        }
      >
        {(["present", "absent", "excused"] as const).map((st) => (
          <Radio key={st} value={st} className={`presence-choice presence-${st}`}>
            {t(`ui.sessions.presence.${st}`)}
          </Radio>
        ))}
      </RadioGroup>
      {a?.status === "present" && !(m.isPending && m.variables?.status !== "present") && (
        <div className="signature-zone">
          {a.signature && !signing ? (
            <div className="signature-shown">
              <img src={a.signature} alt={t("ui.sessions.signatureOf", { name })} />
              <Button className="btn btn-quiet btn-small" onPress={() => setSigning(true)}>
                {t("ui.sessions.signAgain")}
              </Button>
            </div>
          ) : !a.signedOnPaper || signing ? (
            <SignaturePad
              name={name}
              onSave={(png) => {
                m.mutate({ status: "present", signature: png, signedOnPaper: false });
                setSigning(false);
              }}
            />
          ) : null}
          <Checkbox
            className="checkbox"
            isSelected={a.signedOnPaper}
            onChange={(on) => m.mutate({ status: "present", signature: on ? null : a.signature, signedOnPaper: on })}
          >
            <span className="checkbox-box" aria-hidden="true" />
            {t("ui.sessions.signedOnPaper")}
          </Checkbox>
        </div>
      )}
    </section>
  );
}

/** A canvas to sign with a finger, a stylus or a mouse; the checkbox "signed on paper" is its keyboard alternative. */
function SignaturePad({ name, onSave }: { name: string; onSave: (png: string) => void }) {
  const t = useT();
  const ref = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [empty, setEmpty] = useState(true);
  useEffect(() => {
    const c = ref.current!;
    const ctx = c.getContext("2d")!;
    ctx.lineWidth = 2.5;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#111111";
  }, []);
  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const c = ref.current!;
    const r = c.getBoundingClientRect();
    return [((e.clientX - r.left) * c.width) / r.width, ((e.clientY - r.top) * c.height) / r.height] as const;
  };
  const clear = () => {
    const c = ref.current!;
    c.getContext("2d")!.clearRect(0, 0, c.width, c.height);
    setEmpty(true);
  };
  return (
    <div className="signature-pad">
      <Label className="small muted" id={`sig-${name}`}>
        {t("ui.sessions.signHere", { name })}
      </Label>
      <canvas
        ref={ref}
        width={480}
        height={160}
        className="signature-canvas"
        role="img"
        aria-label={t("ui.sessions.signatureArea", { name })}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = true;
          const ctx = e.currentTarget.getContext("2d")!;
          const [x, y] = point(e);
          ctx.beginPath();
          ctx.moveTo(x, y);
          ctx.lineTo(x + 0.1, y + 0.1);
          ctx.stroke();
          setEmpty(false);
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const ctx = e.currentTarget.getContext("2d")!;
          const [x, y] = point(e);
          ctx.lineTo(x, y);
          ctx.stroke();
        }}
        onPointerUp={() => {
          drawing.current = false;
        }}
        onPointerCancel={() => {
          drawing.current = false;
        }}
      />
      <div className="row-buttons">
        <Button className="btn btn-secondary btn-small" onPress={clear} isDisabled={empty}>
          {t("ui.sessions.clearSignature")}
        </Button>
        <Button className="btn btn-primary btn-small" onPress={() => onSave(ref.current!.toDataURL("image/png"))} isDisabled={empty}>
          {t("ui.sessions.saveSignature")}
        </Button>
      </div>
    </div>
  );
}
