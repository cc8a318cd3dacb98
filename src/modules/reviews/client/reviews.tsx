import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Label, Radio, RadioGroup, TextArea, TextField } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { FormDialog, MutationForm } from "../../../web/mutation-form.tsx";
import { Loading, QueryError, useAnnounce, useErrorText } from "../../../web/ui.tsx";
import { flagReview, listReviews, moderateReview, type Review, replyToReview, saveMyReview } from "../shared/contract.ts";
import "./reviews.css";

const reviewsKey = (courseId: string) => ["course-reviews", courseId] as const;

/** Stars as text for the eye and a sentence for screen readers. */
export function Stars({ value, count }: { value: number; count?: number }) {
  const t = useT();
  const full = Math.round(value);
  return (
    <span className="stars-line">
      <span className="stars" aria-hidden="true">
        {"★".repeat(full)}
        <span className="stars-off">{"★".repeat(5 - full)}</span>
      </span>
      <span className="visually-hidden">{t("ui.reviews.starsLabel", { value })}</span>
      {count !== undefined && <span className="muted small"> {t("ui.reviews.average", { value, n: count })}</span>}
    </span>
  );
}

/** Ratings and reviews on a course's about page: the average, the learner's own review form, the list with replies. */
export function CourseReviews({ courseId }: { courseId: string }) {
  const t = useT();
  const q = useQuery({ queryKey: reviewsKey(courseId), queryFn: () => api(listReviews, { params: { courseId }, query: { page: 1 } }) });
  return (
    <section className="section course-reviews" aria-labelledby="about-reviews">
      <h2 id="about-reviews">{t("ui.reviews.title")}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : (
        <>
          {q.data.average !== null ? <Stars value={q.data.average} count={q.data.count} /> : <p className="muted">{t("ui.reviews.none")}</p>}
          {q.data.canReview && <MyReview courseId={courseId} mine={q.data.mine} />}
          <ul className="review-list">
            {q.data.items.map((r) => (
              <ReviewItem key={r.id} courseId={courseId} r={r} canReply={q.data.canReply} canModerate={q.data.canModerate} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function MyReview({ courseId, mine }: { courseId: string; mine: Review | null }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [stars, setStars] = useState(String(mine?.stars ?? ""));
  const m = useMutation({
    mutationFn: (body: string) => api(saveMyReview, { params: { courseId }, body: { stars: Number(stars), body } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: reviewsKey(courseId) });
      qc.invalidateQueries({ queryKey: ["catalogue"] });
      announce(t("ui.reviews.saved"));
    },
  });
  return (
    <MutationForm
      className="card review-form"
      heading={<h3>{mine ? t("ui.reviews.yourReview") : t("ui.reviews.rateThis")}</h3>}
      submitLabel={mine ? t("ui.reviews.update") : t("ui.reviews.publish")}
      submitDisabled={!stars}
      onSubmit={(form) => m.mutateAsync(String(form.get("body") ?? ""))}
    >
      {() => (
        <>
          <RadioGroup className="field star-picker" orientation="horizontal" value={stars} onChange={setStars} isRequired name="stars">
            <Label>{t("ui.reviews.stars")}</Label>
            <div className="star-options">
              {[1, 2, 3, 4, 5].map((n) => (
                <Radio key={n} value={String(n)} className="star-option" aria-label={t("ui.reviews.starsLabel", { value: n })}>
                  <span aria-hidden="true">{"★".repeat(n)}</span>
                </Radio>
              ))}
            </div>
          </RadioGroup>
          <TextField name="body" className="field" defaultValue={mine?.body ?? ""}>
            <Label>{t("ui.reviews.text")}</Label>
            <TextArea rows={3} />
          </TextField>
          {mine?.status === "hidden" && <p className="badge badge-error">{t("ui.reviews.hiddenNote")}</p>}
        </>
      )}
    </MutationForm>
  );
}

function ReviewItem({ courseId, r, canReply, canModerate }: { courseId: string; r: Review; canReply: boolean; canModerate: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const refresh = () => qc.invalidateQueries({ queryKey: reviewsKey(courseId) });
  const flag = useMutation({
    mutationFn: () => api(flagReview, { params: { courseId, reviewId: r.id }, body: { reason: "inappropriate" } }),
    onSuccess: () => {
      refresh();
      announce(t("ui.moderation.flagged"));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  const show = useMutation({
    mutationFn: (action: "hide" | "show") => api(moderateReview, { params: { courseId, reviewId: r.id }, body: { action, reason: action === "hide" ? t("ui.reviews.hiddenByModerator") : "" } }),
    onSuccess: refresh,
    onError: (e) => announce(errorText(e), "error"),
  });
  return (
    <li className={`review${r.status === "hidden" ? " review-hidden" : ""}`}>
      <p className="review-head">
        <Stars value={r.stars} />
        <strong>{r.author.name}</strong>
        <span className="muted small">{t("ui.forums.dateTime", { d: new Date(r.updatedAt) })}</span>
        {r.status === "hidden" && <span className="badge badge-error">{t("ui.forums.status.hidden")}</span>}
      </p>
      {r.body && <p className="review-body">{r.body}</p>}
      {r.reply && (
        <div className="review-reply">
          <p className="small">{t("ui.reviews.replyBy", { name: r.reply.by })}</p>
          <p>{r.reply.text}</p>
        </div>
      )}
      <div className="post-actions">
        {canReply && <ReplyDialog courseId={courseId} r={r} />}
        {!r.mine && r.status === "visible" && (
          <Button className="btn btn-quiet btn-small" onPress={() => flag.mutate()}>
            {t("ui.moderation.report")}
          </Button>
        )}
        {canModerate && (
          <Button className="btn btn-quiet btn-small" onPress={() => show.mutate(r.status === "hidden" ? "show" : "hide")}>
            {r.status === "hidden" ? t("ui.reviews.show") : t("ui.reviews.hide")}
          </Button>
        )}
      </div>
    </li>
  );
}

function ReplyDialog({ courseId, r }: { courseId: string; r: Review }) {
  const t = useT();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: (text: string) => api(replyToReview, { params: { courseId, reviewId: r.id }, body: { text } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: reviewsKey(courseId) });
    },
  });
  return (
    <FormDialog
      label={r.reply ? t("ui.reviews.editReply") : t("ui.reviews.reply")}
      title={t("ui.reviews.replyTo", { name: r.author.name })}
      submitLabel={t("ui.common.save")}
      onSubmit={(form) => m.mutateAsync(String(form.get("text") ?? ""))}
    >
      {() => (
        <TextField name="text" className="field" defaultValue={r.reply?.text ?? ""}>
          <Label>{t("ui.reviews.replyText")}</Label>
          <TextArea rows={4} />
        </TextField>
      )}
    </FormDialog>
  );
}
