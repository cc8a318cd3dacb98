import type { Teaching } from "../shared/contract.ts";
import "./school.css";

/** A subject with its colour, and who teaches it. */
export function TeachingChip({ teaching }: { teaching: Teaching }) {
  return (
    <span className="teaching">
      <span className="subject-dot" style={{ background: teaching.subject.color }} aria-hidden="true" />
      <span className="teaching-subject">{teaching.subject.name}</span>
      <span className="muted"> · {teaching.teacher.name}</span>
    </span>
  );
}
