import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { FormAlert, Loading, useFormErrors } from "../../../web/ui.tsx";
import { previewQuestion } from "../shared/contract.ts";
import type { QuestionDefinitionInput, QuestionResponse, ScoreResult } from "../shared/types.ts";
import { QuestionView } from "./question-view.tsx";

/**
 * The learner's view of a question (as the server prepares it, options shuffled) with a "Check"
 * button that scores the trial answer and shows the feedback a learner would get.
 */
export function PreviewPanel({ courseId, definition, points }: { courseId: string; definition: QuestionDefinitionInput; points: number }) {
  const t = useT();
  const [seed, setSeed] = useState("preview");
  const [response, setResponse] = useState<QuestionResponse | null>(null);
  const [result, setResult] = useState<ScoreResult | null>(null);
  const errors = useFormErrors();
  const key = JSON.stringify(definition);
  const view = useQuery({
    queryKey: ["questions", "preview", courseId, key, points, seed],
    queryFn: () => api(previewQuestion, { params: { courseId }, body: { definition: definition as never, points, seed } }),
    retry: false,
  });
  const check = useMutation({
    mutationFn: () => api(previewQuestion, { params: { courseId }, body: { definition: definition as never, points, seed, response } }),
    onSuccess: (r) => setResult(r.result),
    onError: errors.onError,
  });
  if (view.isPending) return <Loading />;
  if (view.isError)
    return (
      <div className="q-preview">
        <FormAlert error={{ message: t("ui.questions.previewInvalid"), fields: {} }} />
      </div>
    );
  return (
    <div className="q-preview">
      <QuestionView
        question={view.data.question}
        response={response}
        onChange={(r) => {
          setResponse(r);
          setResult(null);
        }}
        review={result}
      />
      <FormAlert error={errors.error} />
      <div className="form-actions">
        <Button className="btn btn-primary" onPress={() => check.mutate()} isPending={check.isPending}>
          {t("ui.questions.check")}
        </Button>
        <Button
          className="btn btn-secondary"
          onPress={() => {
            setSeed(String(Math.random()));
            setResponse(null);
            setResult(null);
          }}
        >
          {t("ui.questions.restart")}
        </Button>
      </div>
    </div>
  );
}
