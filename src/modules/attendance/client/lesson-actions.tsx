import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { Confirm, ModalButton, useAnnounce } from "../../../web/ui.tsx";
import { deleteLesson, type Lesson } from "../shared/contract.ts";
import { attendanceKey } from "./keys.ts";

/** Admins remove a lesson from the timetable (one with roll calls ends instead, keeping its history). */
export function LessonActions({ lesson: l }: { lesson: Lesson }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const del = useMutation({
    mutationFn: () => api(deleteLesson, { params: { id: l.id } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: [...attendanceKey] });
      announce(t("ui.attendance.lesson.deleted"));
    },
  });
  const what = t("ui.attendance.lesson.what", { subject: l.subject.name, day: t(`ui.attendance.lesson.days.${l.weekday}`), time: l.startsAt });
  return (
    <ModalButton
      label={t("ui.attendance.lesson.delete")}
      ariaLabel={t("ui.attendance.lesson.deleteLabel", { what })}
      title={t("ui.attendance.lesson.delete")}
      variant="quiet"
    >
      {(close) => (
        <Confirm
          message={t("ui.attendance.lesson.deleteConfirm", { what })}
          action={t("ui.attendance.lesson.delete")}
          danger
          pending={del.isPending}
          onConfirm={() => del.mutate(undefined, { onSuccess: close })}
          close={close}
        />
      )}
    </ModalButton>
  );
}
