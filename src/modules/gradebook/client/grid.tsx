import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from "react";
import { Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { useAnnounce, useErrorText } from "../../../web/ui.tsx";
import { type Cell, type GradeItem, type LearnerRow, setGrade } from "../shared/contract.ts";
import { GradeForm, gradebookKey, useNumber } from "./parts.tsx";

/** Height of one row in pixels: rows are fixed-height so the window is a division. */
export const ROW_HEIGHT = 44;
const OVERSCAN = 8;

type Props = {
  courseId: string;
  items: GradeItem[];
  learners: LearnerRow[];
  /** learners before this page (for aria-rowindex) */
  offset: number;
  total: number;
  canGrade: boolean;
  sort: { by: string; dir: "asc" | "desc" };
  label: string;
};

/** "12,5" or "12.5" → 12.5; "" → null; anything else → undefined. */
const parseScore = (s: string): number | null | undefined => {
  const v = s.trim().replace(/\s/g, "").replace(",", ".");
  if (v === "") return null;
  return /^\d+(\.\d+)?$/.test(v) ? Number(v) : undefined;
};

/**
 * The learners × items grid: an ARIA grid (row and column counts of the whole result, indexes
 * on each rendered row) whose body renders only the rows in view. One cell is in the tab order;
 * arrows, Home/End, Page Up/Down move; Enter, F2 or a digit edits a grade (spreadsheet-like:
 * Enter saves and moves down, Escape cancels); on a quiz or an assignment Enter opens the
 * override form, which asks for a reason.
 */
export function GradeGrid({ courseId, items, learners, offset, total, canGrade, sort, label }: Props) {
  const t = useT();
  const num = useNumber();
  const navigate = useNavigate();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [active, setActive] = useState<{ r: number; c: number }>({ r: 0, c: 0 });
  const [editing, setEditing] = useState<{ r: number; c: number; text: string } | null>(null);
  const [override, setOverride] = useState<{ r: number; c: number } | null>(null);
  const focusWanted = useRef(false);
  const cols = items.length + 2;
  const rows = learners.length;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // a new page or a new sort starts at the top
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the data set changes
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
    setActive((a) => ({ r: Math.min(a.r, Math.max(0, rows - 1)), c: Math.min(a.c, cols - 1) }));
  }, [offset, sort.by, sort.dir, rows]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  // the window's height bounds the grid's: never fewer rows than a full screen (resizes, full-page captures)
  const last = Math.min(rows, Math.ceil((scrollTop + Math.max(viewport, window.innerHeight)) / ROW_HEIGHT) + OVERSCAN);
  const shown: number[] = [];
  for (let r = first; r < last; r++) shown.push(r);
  // the active row stays rendered so focus is never lost
  if (active.r >= 0 && active.r < rows && (active.r < first || active.r >= last)) shown.push(active.r);

  // after a keyboard move: bring the active cell into view, then focus it
  useEffect(() => {
    if (!focusWanted.current) return;
    const el = scroller.current;
    if (!el) return;
    if (active.r >= 0) {
      const top = active.r * ROW_HEIGHT;
      const head = ROW_HEIGHT;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight - head) el.scrollTop = top + ROW_HEIGHT - el.clientHeight + head;
    }
    const cell = el.querySelector<HTMLElement>(`[data-r="${active.r}"][data-c="${active.c}"]`);
    cell?.focus({ preventScroll: active.r < 0 });
    focusWanted.current = false;
  });

  const move = (r: number, c: number) => {
    focusWanted.current = true;
    setActive({ r: Math.max(-1, Math.min(rows - 1, r)), c: Math.max(0, Math.min(cols - 1, c)) });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing || override) return;
    const { r, c } = active;
    const ctrl = e.ctrlKey || e.metaKey;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(r + 1, c),
      ArrowUp: () => move(r - 1, c),
      ArrowRight: () => move(r, c + 1),
      ArrowLeft: () => move(r, c - 1),
      Home: () => (ctrl ? move(0, 0) : move(r, 0)),
      End: () => (ctrl ? move(rows - 1, cols - 1) : move(r, cols - 1)),
      PageDown: () => move(r + Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1), c),
      PageUp: () => move(r - Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1), c),
    };
    if (keys[e.key]) {
      e.preventDefault();
      keys[e.key]();
      return;
    }
    const item = c >= 2 ? items[c - 2] : undefined;
    if ((e.key === "Enter" || e.key === "F2") && r >= 0 && c === 0) {
      e.preventDefault();
      navigate({ to: "/courses/$id/gradebook/learners/$userId", params: { id: courseId, userId: learners[r].userId } });
      return;
    }
    if (e.key === "Enter" && r < 0 && item) {
      e.preventDefault();
      navigate({ to: "/courses/$id/gradebook/items/$itemId", params: { id: courseId, itemId: item.id } });
      return;
    }
    if (!canGrade || r < 0 || !item) return;
    if (e.key === "Enter" || e.key === "F2") {
      e.preventDefault();
      if (item.source === "manual") setEditing({ r, c, text: scoreText(learners[r].cells[c - 2]) });
      else setOverride({ r, c });
    } else if (/^[0-9]$/.test(e.key) && !ctrl && item.source === "manual") {
      e.preventDefault();
      setEditing({ r, c, text: e.key });
    } else if ((e.key === "Delete" || e.key === "Backspace") && item.source === "manual") {
      e.preventDefault();
      setEditing({ r, c, text: "" });
    }
  };
  const scoreText = (cell: Cell | null) => (cell?.score === null || cell?.score === undefined ? "" : num(cell.score, 4));

  const template = `var(--gb-name-width) var(--gb-total-width) repeat(${items.length}, var(--gb-col-width))`;
  const sortOf = (key: string) => (sort.by === key ? (sort.dir === "asc" ? "ascending" : "descending") : undefined);
  const overrideCell = override ? { learner: learners[override.r], item: items[override.c - 2] } : null;

  return (
    <>
      {/* biome-ignore lint/a11y: a data grid with keyboard navigation and virtual rows (ARIA grid pattern) */}
      <div
        role="grid"
        aria-label={label}
        aria-rowcount={total + 1}
        aria-colcount={cols}
        className="gb-grid"
        ref={scroller}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
      >
        {/* biome-ignore lint/a11y: ARIA grid pattern (rows hold the focusable cells) */}
        <div role="rowgroup" className="gb-head">
          {/* biome-ignore lint/a11y: ARIA grid pattern (rows hold the focusable cells) */}
          <div role="row" aria-rowindex={1} className="gb-row" style={{ gridTemplateColumns: template }}>
            <HeadCell r={-1} c={0} active={active} setActive={setActive} sort={sortOf("name")}>
              {t("ui.gradebook.learner")}
            </HeadCell>
            <HeadCell r={-1} c={1} active={active} setActive={setActive} sort={sortOf("total")}>
              {t("ui.gradebook.total")}
            </HeadCell>
            {items.map((it, n) => (
              <HeadCell key={it.id} r={-1} c={n + 2} active={active} setActive={setActive} sort={sortOf(it.id)}>
                <Link
                  to="/courses/$id/gradebook/items/$itemId"
                  params={{ id: courseId, itemId: it.id }}
                  tabIndex={-1}
                  className="gb-item-link"
                  title={it.title}
                >
                  {it.title}
                </Link>
                <span className="gb-max">
                  {t("ui.gradebook.outOf", { max: num(it.maxScore) })}
                  {it.source === "manual" && !it.released && (
                    <>
                      {" · "}
                      {t("ui.gradebook.hidden")}
                    </>
                  )}
                </span>
              </HeadCell>
            ))}
          </div>
        </div>
        {/* biome-ignore lint/a11y: ARIA grid pattern (rows hold the focusable cells) */}
        <div role="rowgroup" className="gb-body" style={{ height: rows * ROW_HEIGHT }}>
          {shown.map((r) => {
            const l = learners[r];
            const name = `${l.familyName} ${l.givenName}`;
            return (
              // biome-ignore lint/a11y: ARIA grid pattern (rows hold the focusable cells)
              <div
                role="row"
                key={l.userId}
                aria-rowindex={offset + r + 2}
                className="gb-row"
                style={{ gridTemplateColumns: template, transform: `translateY(${r * ROW_HEIGHT}px)` }}
              >
                <BodyCell role="rowheader" r={r} c={0} active={active} setActive={setActive} className="gb-name">
                  <Link to="/courses/$id/gradebook/learners/$userId" params={{ id: courseId, userId: l.userId }} tabIndex={-1}>
                    {name}
                  </Link>
                </BodyCell>
                <BodyCell r={r} c={1} active={active} setActive={setActive} className="gb-total">
                  {l.totalText || (
                    <span className="muted">
                      <span aria-hidden="true">–</span>
                      <span className="visually-hidden">{t("ui.gradebook.noGrade")}</span>
                    </span>
                  )}
                </BodyCell>
                {items.map((it, n) => {
                  const c = n + 2;
                  const cell = l.cells[n];
                  const isEditing = editing?.r === r && editing.c === c;
                  return (
                    <BodyCell
                      key={it.id}
                      r={r}
                      c={c}
                      active={active}
                      setActive={setActive}
                      className={`gb-cell${cell?.overridden ? " gb-overridden" : ""}`}
                      onDoubleClick={() => canGrade && (it.source === "manual" ? setEditing({ r, c, text: scoreText(cell) }) : setOverride({ r, c }))}
                    >
                      {isEditing ? (
                        <CellEditor
                          courseId={courseId}
                          item={it}
                          learner={l}
                          initial={editing.text}
                          onClose={(next) => {
                            setEditing(null);
                            move(next ? r + 1 : r, c);
                          }}
                        />
                      ) : cell?.score === null || cell?.score === undefined ? (
                        <span className="muted">
                          <span aria-hidden="true">–</span>
                          <span className="visually-hidden">{t("ui.gradebook.noGrade")}</span>
                        </span>
                      ) : (
                        <>
                          {num(cell.score)}
                          {cell.overridden && (
                            <span className="gb-flag" title={t("ui.gradebook.overridden")}>
                              <span aria-hidden="true"> ✎</span>
                              <span className="visually-hidden"> ({t("ui.gradebook.overridden")})</span>
                            </span>
                          )}
                        </>
                      )}
                    </BodyCell>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
      {overrideCell && (
        <ModalOverlay
          className="modal-overlay"
          isDismissable
          isOpen
          onOpenChange={(o) => {
            if (o) return;
            setOverride(null);
            move(active.r, active.c);
          }}
        >
          <Modal className="modal">
            <Dialog className="dialog">
              {({ close }) => (
                <>
                  <div className="dialog-head">
                    <Heading slot="title">
                      {t("ui.gradebook.overrideTitle", {
                        item: overrideCell.item.title,
                        name: `${overrideCell.learner.givenName} ${overrideCell.learner.familyName}`,
                      })}
                    </Heading>
                  </div>
                  <GradeForm
                    courseId={courseId}
                    item={overrideCell.item}
                    userId={overrideCell.learner.userId}
                    learnerName={`${overrideCell.learner.givenName} ${overrideCell.learner.familyName}`}
                    cell={overrideCell.learner.cells[(override?.c ?? 2) - 2]}
                    onDone={close}
                  />
                </>
              )}
            </Dialog>
          </Modal>
        </ModalOverlay>
      )}
    </>
  );
}

type CellProps = {
  r: number;
  c: number;
  active: { r: number; c: number };
  setActive: (a: { r: number; c: number }) => void;
  children: React.ReactNode;
  className?: string;
};

function HeadCell({ r, c, active, setActive, sort, children }: CellProps & { sort?: "ascending" | "descending" }) {
  const on = active.r === r && active.c === c;
  return (
    // biome-ignore lint/a11y: ARIA grid pattern (rows hold the focusable cells)
    <div
      role="columnheader"
      aria-colindex={c + 1}
      aria-sort={sort}
      tabIndex={on ? 0 : -1}
      data-r={r}
      data-c={c}
      className={`gb-th${c === 0 ? " gb-sticky" : ""}`}
      onFocus={() => setActive({ r, c })}
    >
      {children}
      {sort && (
        <span aria-hidden="true" className="gb-sort">
          {sort === "ascending" ? "▲" : "▼"}
        </span>
      )}
    </div>
  );
}

function BodyCell({
  r,
  c,
  active,
  setActive,
  children,
  className,
  role = "gridcell",
  onDoubleClick,
}: CellProps & { role?: "gridcell" | "rowheader"; onDoubleClick?: () => void }) {
  const on = active.r === r && active.c === c;
  return (
    // biome-ignore lint/a11y: ARIA grid pattern (rows hold the focusable cells)
    <div
      role={role}
      aria-colindex={c + 1}
      tabIndex={on ? 0 : -1}
      data-r={r}
      data-c={c}
      className={`gb-td ${className ?? ""}${c === 0 ? " gb-sticky" : ""}`}
      onFocus={() => setActive({ r, c })}
      onDoubleClick={onDoubleClick}
    >
      {children}
    </div>
  );
}

/** The in-cell editor of a column by hand: Enter saves (and the caller moves down), Escape cancels. */
function CellEditor({
  courseId,
  item,
  learner,
  initial,
  onClose,
}: {
  courseId: string;
  item: GradeItem;
  learner: LearnerRow;
  initial: string;
  onClose: (next: boolean) => void;
}) {
  const t = useT();
  const num = useNumber();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const [text, setText] = useState(initial);
  const [invalid, setInvalid] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const el = ref.current;
    el?.focus();
    el?.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const save = useMutation({
    mutationFn: (score: number | null) => api(setGrade, { params: { id: courseId, itemId: item.id, userId: learner.userId }, body: { score, reason: "" } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: gradebookKey(courseId) });
      announce(t("ui.gradebook.saved", { name: `${learner.givenName} ${learner.familyName}` }));
      onClose(true);
    },
    onError: (e) => setInvalid(errorText(e)),
  });
  const commit = () => {
    const v = parseScore(text);
    if (v === undefined || (v !== null && v > item.maxScore)) return setInvalid(t("ui.gradebook.scoreInvalid", { max: num(item.maxScore) }));
    save.mutate(v);
  };
  return (
    <>
      <input
        ref={ref}
        className="gb-input"
        inputMode="decimal"
        aria-label={t("ui.gradebook.cellLabel", { item: item.title, name: `${learner.givenName} ${learner.familyName}`, max: num(item.maxScore) })}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? `gb-err-${learner.userId}` : undefined}
        value={text}
        disabled={save.isPending}
        onChange={(e) => {
          setText(e.target.value);
          setInvalid(null);
        }}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === "Enter") {
            e.preventDefault();
            commit();
          } else if (e.key === "Escape") {
            e.preventDefault();
            onClose(false);
          }
        }}
        onBlur={() => !save.isPending && !invalid && onClose(false)}
      />
      {invalid && (
        <span id={`gb-err-${learner.userId}`} role="alert" className="gb-cell-error">
          {invalid}
        </span>
      )}
    </>
  );
}
