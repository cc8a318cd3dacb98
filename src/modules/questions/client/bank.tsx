import "./questions.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { Button, Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Field, FormAlert, Loading, ModalButton, PageTitle, QueryError, SelectField, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import {
  type Bank,
  createCategory,
  deleteCategory,
  deleteQuestion,
  duplicateQuestion,
  getQuestion,
  listBanks,
  listQuestions,
  type QuestionSummary,
  updateCategory,
} from "../shared/contract.ts";
import { QUESTION_TYPES } from "../shared/types.ts";
import { PreviewPanel } from "./preview.tsx";

export const banksKey = (courseId: string) => ["questions", "banks", courseId];
export const questionsKey = (categoryId: string) => ["questions", "list", categoryId];

/** The course's question bank: categories of the banks it may use, questions with filters and actions. */
export function BankPage() {
  const t = useT();
  const { id } = useParams({ strict: false }) as { id: string };
  const search = useSearch({ strict: false }) as { category?: string };
  const navigate = useNavigate();
  const banks = useQuery({ queryKey: banksKey(id), queryFn: () => api(listBanks, { params: { courseId: id } }) });
  if (banks.isPending) return <Loading />;
  if (banks.isError) return <QueryError error={banks.error} />;
  const d = banks.data;
  const all = d.banks.flatMap((b) => b.categories.map((c) => ({ ...c, bank: b })));
  const current = all.find((c) => c.id === search.category) ?? all[0];
  const select = (categoryId: string) => navigate({ to: "/courses/$id/questions", params: { id }, search: { category: categoryId }, replace: true });
  return (
    <>
      <nav className="breadcrumb" aria-label={t("ui.courses.breadcrumb")}>
        <Link to="/courses/$id" params={{ id }}>
          <span aria-hidden="true">← </span>
          {d.course.title}
        </Link>
      </nav>
      <PageTitle
        actions={
          current?.bank.canEdit && (
            <span className="q-actions">
              <Link className="btn btn-primary" to="/courses/$id/questions/new" params={{ id }} search={{ category: current.id, type: "single" }}>
                {t("ui.questions.newChoice")}
              </Link>
              <Link className="btn btn-secondary" to="/courses/$id/questions/import" params={{ id }} search={{ category: current.id }}>
                {t("ui.questions.import.title")}
              </Link>
              <Link className="btn btn-secondary" to="/courses/$id/questions/qti" params={{ id }} search={{ category: current.id }}>
                {t("ui.qti.link")}
              </Link>
            </span>
          )
        }
      >
        {t("ui.questions.title")}
      </PageTitle>
      <div className="q-bank">
        <nav className="q-categories" aria-label={t("ui.questions.categories")}>
          {d.banks.map((b) => (
            <BankCategories key={`${b.kind}-${b.ownerId}`} bank={b} courseId={id} currentId={current?.id} onSelect={select} />
          ))}
        </nav>
        <div className="q-main">
          {current ? (
            <CategoryQuestions courseId={id} categoryId={current.id} categoryName={current.name} canEdit={current.bank.canEdit} />
          ) : (
            <EmptyState title={t("ui.questions.noCategory")} />
          )}
        </div>
      </div>
    </>
  );
}

function BankCategories({ bank, courseId, currentId, onSelect }: { bank: Bank; courseId: string; currentId?: string; onSelect: (id: string) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  // children under their parent, indented
  const ordered: { c: Bank["categories"][number]; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const c of bank.categories.filter((x) => x.parentId === parent)) {
      ordered.push({ c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  for (const c of bank.categories) if (!ordered.some((o) => o.c.id === c.id)) ordered.push({ c, depth: 0 });
  return (
    <section className="q-bank-group">
      <h2 className="q-bank-name">{bank.kind === "course" ? t("ui.questions.courseBank") : t("ui.questions.orgBank", { name: bank.name })}</h2>
      {ordered.length === 0 ? (
        <p className="muted">{t("ui.questions.noCategoryYet")}</p>
      ) : (
        <ul className="q-category-list">
          {ordered.map(({ c, depth }) => (
            <li key={c.id} style={{ paddingInlineStart: `${depth}rem` }}>
              <Button
                className={`q-category${c.id === currentId ? " is-current" : ""}`}
                onPress={() => onSelect(c.id)}
                aria-current={c.id === currentId ? "true" : undefined}
              >
                <span>{c.name}</span> <span className="badge">{c.questionCount}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      {bank.canEdit && (
        <ModalButton variant="quiet" label={t("ui.questions.newCategory")} title={t("ui.questions.newCategory")} isOpen={open} onOpenChange={setOpen}>
          {() => (
            <CategoryForm
              bank={bank}
              courseId={courseId}
              onDone={(cid) => {
                setOpen(false);
                onSelect(cid);
              }}
            />
          )}
        </ModalButton>
      )}
    </section>
  );
}

function CategoryForm({ bank, courseId, onDone }: { bank: Bank; courseId: string; onDone: (id: string) => void }) {
  const t = useT();
  const qc = useQueryClient();
  const errors = useFormErrors();
  const [parent, setParent] = useState("");
  const m = useMutation({
    mutationFn: (name: string) =>
      api(createCategory, { body: { ...(bank.kind === "course" ? { courseId: bank.ownerId } : { orgId: bank.ownerId }), parentId: parent || null, name } }),
    onSuccess: (c) => {
      qc.invalidateQueries({ queryKey: banksKey(courseId) });
      onDone(c.id);
    },
    onError: errors.onError,
  });
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        m.mutate(String(new FormData(e.currentTarget).get("name") ?? ""));
      }}
    >
      <FormAlert error={errors.error} />
      <Field name="name" label={t("ui.questions.categoryName")} isRequired autoFocus />
      {bank.categories.length > 0 && (
        <SelectField
          label={t("ui.questions.parentCategory")}
          value={parent || "none"}
          onChange={(v) => setParent(v === "none" ? "" : v)}
          options={[{ id: "none", label: t("ui.questions.noParent") }, ...bank.categories.map((c) => ({ id: c.id, label: c.name }))]}
        />
      )}
      <div className="form-actions">
        <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
          {t("ui.questions.create")}
        </Button>
      </div>
    </form>
  );
}

function CategoryQuestions({ courseId, categoryId, categoryName, canEdit }: { courseId: string; categoryId: string; categoryName: string; canEdit: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const navigate = useNavigate();
  const [tag, setTag] = useState("");
  const [type, setType] = useState("");
  const [words, setWords] = useState("");
  const [previewing, setPreviewing] = useState<string | null>(null);
  const list = useQuery({
    queryKey: [...questionsKey(categoryId), tag, type, words],
    queryFn: () => api(listQuestions, { params: { categoryId }, query: { tag: tag || undefined, type: (type || undefined) as never, q: words || undefined } }),
    placeholderData: (p) => p,
  });
  const refresh = () => {
    qc.invalidateQueries({ queryKey: questionsKey(categoryId) });
    qc.invalidateQueries({ queryKey: banksKey(courseId) });
  };
  const dup = useMutation({
    mutationFn: (questionId: string) => api(duplicateQuestion, { params: { questionId } }),
    onSuccess: (q) => {
      refresh();
      announce(t("ui.questions.duplicated", { name: q.name }));
      navigate({ to: "/courses/$id/questions/$questionId", params: { id: courseId, questionId: q.id } });
    },
    onError: () => announce(t("ui.errors.unexpected"), "error"),
  });
  const del = useMutation({
    mutationFn: (questionId: string) => api(deleteQuestion, { params: { questionId } }),
    onSuccess: () => {
      refresh();
      announce(t("ui.questions.deleted"));
    },
    onError: () => announce(t("ui.errors.unexpected"), "error"),
  });
  return (
    <section aria-labelledby="q-category-title">
      <div className="q-category-head">
        <h2 id="q-category-title">{categoryName}</h2>
        {canEdit && <CategoryActions courseId={courseId} categoryId={categoryId} name={categoryName} />}
      </div>
      <div className="q-filters">
        <Field name="q" type="search" label={t("ui.questions.search")} value={words} onChange={setWords} />
        <SelectField
          label={t("ui.questions.type")}
          value={type || "all"}
          onChange={(v) => setType(v === "all" ? "" : v)}
          options={[{ id: "all", label: t("ui.questions.allTypes") }, ...QUESTION_TYPES.map((x) => ({ id: x, label: t(`ui.questions.types.${x}`) }))]}
        />
        {(list.data?.tags.length ?? 0) > 0 && (
          <SelectField
            label={t("ui.questions.tag")}
            value={tag || "all"}
            onChange={(v) => setTag(v === "all" ? "" : v)}
            options={[{ id: "all", label: t("ui.questions.allTags") }, ...(list.data?.tags ?? []).map((x) => ({ id: x, label: x }))]}
          />
        )}
      </div>
      {canEdit && <NewQuestionLinks courseId={courseId} categoryId={categoryId} />}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={t("ui.questions.empty")}>{canEdit && <p>{t("ui.questions.emptyHelp")}</p>}</EmptyState>
      ) : (
        <ul className="q-list">
          {list.data.items.map((q) => (
            <QuestionRow
              key={q.id}
              q={q}
              courseId={courseId}
              canEdit={canEdit}
              onPreview={() => setPreviewing(q.id)}
              onDuplicate={() => dup.mutate(q.id)}
              onDelete={() => del.mutate(q.id)}
            />
          ))}
        </ul>
      )}
      <PreviewDialog courseId={courseId} questionId={previewing} onClose={() => setPreviewing(null)} />
    </section>
  );
}

function NewQuestionLinks({ courseId, categoryId }: { courseId: string; categoryId: string }) {
  const t = useT();
  return (
    <details className="q-new-types">
      <summary>{t("ui.questions.newOfType")}</summary>
      <ul>
        {QUESTION_TYPES.filter((x) => x !== "multiple").map((x) => (
          <li key={x}>
            <Link to="/courses/$id/questions/new" params={{ id: courseId }} search={{ category: categoryId, type: x }}>
              {t(`ui.questions.types.${x === "single" ? "choice" : x}`)}
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}

function QuestionRow({
  q,
  courseId,
  canEdit,
  onPreview,
  onDuplicate,
  onDelete,
}: {
  q: QuestionSummary;
  courseId: string;
  canEdit: boolean;
  onPreview: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
}) {
  const t = useT();
  return (
    <li className="card q-row">
      <div className="q-row-main">
        <h3 className="q-row-title">
          {canEdit ? (
            <Link to="/courses/$id/questions/$questionId" params={{ id: courseId, questionId: q.id }}>
              {q.name}
            </Link>
          ) : (
            q.name
          )}
        </h3>
        <p className="muted q-row-meta">
          <span className="badge">{t(`ui.questions.types.${q.type}`)}</span> {t("ui.questions.versionN", { n: q.version })} ·{" "}
          {t("ui.questions.view.points", { points: q.points })}
          {q.tags.map((tag) => (
            <span key={tag} className="badge badge-tag">
              {tag}
            </span>
          ))}
        </p>
      </div>
      <div className="q-row-actions">
        <Button className="btn btn-secondary btn-small" onPress={onPreview} aria-label={t("ui.questions.previewOf", { name: q.name })}>
          {t("ui.questions.preview")}
        </Button>
        {canEdit && (
          <>
            <Button className="btn btn-secondary btn-small" onPress={onDuplicate} aria-label={t("ui.questions.duplicateOf", { name: q.name })}>
              {t("ui.questions.duplicate")}
            </Button>
            <ModalButton
              variant="quiet"
              label={t("ui.questions.delete")}
              ariaLabel={t("ui.questions.deleteOf", { name: q.name })}
              title={t("ui.questions.deleteTitle", { name: q.name })}
            >
              {(close) => (
                <div className="form">
                  <p>{t("ui.questions.deleteWarning")}</p>
                  <div className="form-actions">
                    <Button
                      className="btn btn-danger"
                      onPress={() => {
                        onDelete();
                        close();
                      }}
                    >
                      {t("ui.questions.delete")}
                    </Button>
                    <Button className="btn btn-secondary" onPress={close}>
                      {t("ui.common.cancel")}
                    </Button>
                  </div>
                </div>
              )}
            </ModalButton>
          </>
        )}
      </div>
    </li>
  );
}

function PreviewDialog({ courseId, questionId, onClose }: { courseId: string; questionId: string | null; onClose: () => void }) {
  const t = useT();
  const q = useQuery({
    queryKey: ["questions", "detail", questionId],
    queryFn: () => api(getQuestion, { params: { questionId: questionId! } }),
    enabled: !!questionId,
  });
  return (
    <ModalOverlay className="modal-overlay" isDismissable isOpen={!!questionId} onOpenChange={(o) => !o && onClose()}>
      <Modal className="modal modal-wide">
        <Dialog className="dialog">
          <div className="dialog-head">
            <Heading slot="title">{t("ui.questions.learnerPreview")}</Heading>
            <Button className="btn btn-quiet btn-icon" onPress={onClose} aria-label={t("ui.common.close")}>
              <span aria-hidden="true">✕</span>
            </Button>
          </div>
          {q.data ? <PreviewPanel courseId={courseId} definition={q.data.definition} points={q.data.points} /> : <Loading />}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** Rename a category, or delete it when it is empty (the server refuses otherwise and says why). */
function CategoryActions({ courseId, categoryId, name }: { courseId: string; categoryId: string; name: string }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const navigate = useNavigate();
  const errors = useFormErrors();
  const [open, setOpen] = useState(false);
  const rename = useMutation({
    mutationFn: (newName: string) => api(updateCategory, { params: { categoryId }, body: { name: newName } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: banksKey(courseId) });
      setOpen(false);
      announce(t("ui.questions.categoryRenamed"));
    },
    onError: errors.onError,
  });
  const remove = useMutation({
    mutationFn: () => api(deleteCategory, { params: { categoryId } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: banksKey(courseId) });
      announce(t("ui.questions.categoryDeleted"));
      navigate({ to: "/courses/$id/questions", params: { id: courseId }, search: {}, replace: true });
    },
    onError: (e) => announce(e instanceof Error && e.message ? e.message : t("ui.errors.unexpected"), "error"),
  });
  return (
    <div className="q-actions">
      <ModalButton variant="quiet" label={t("ui.questions.renameCategory")} title={t("ui.questions.renameCategory")} isOpen={open} onOpenChange={setOpen}>
        {() => (
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              rename.mutate(String(new FormData(e.currentTarget).get("name") ?? ""));
            }}
          >
            <FormAlert error={errors.error} />
            <Field name="name" label={t("ui.questions.categoryName")} defaultValue={name} isRequired autoFocus />
            <div className="form-actions">
              <Button type="submit" className="btn btn-primary" isPending={rename.isPending}>
                {t("ui.questions.save")}
              </Button>
            </div>
          </form>
        )}
      </ModalButton>
      <Button className="btn btn-quiet" onPress={() => remove.mutate()} isPending={remove.isPending}>
        {t("ui.questions.deleteCategory")}
      </Button>
    </div>
  );
}
