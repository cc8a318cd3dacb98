import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "react-aria-components";
import { api, currentCsrfToken, url } from "../../../web/api.ts";
import { useLocale, useT } from "../../../web/i18n.tsx";
import { fileUrl, getFileInfo, saveItemPosition } from "../shared/contract.ts";
import { useFormatSize } from "./file-upload.tsx";
import "./files.css";

/** Seconds between two saved positions while the video plays. */
const SAVE_EVERY_MS = 5000;

const clock = (s: number) => {
  const total = Math.floor(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
};

type Props = {
  fileId: string;
  captionsFileId?: string | null;
  /** language of the captions (the course's language) */
  captionsLang?: string;
  title: string;
  /** the course item the position belongs to; learners only (`savePosition`) */
  courseId: string;
  itemId: string;
  startAt?: number | null;
  savePosition: boolean;
};

/**
 * HTML5 video with WebVTT captions (shown by default), resuming where the learner stopped. The
 * position is saved every few seconds while playing, on pause, at the end and when the page is
 * left. Seeking uses byte ranges, so long videos start at once.
 */
export function VideoPlayer({ fileId, captionsFileId, captionsLang, title, courseId, itemId, startAt, savePosition }: Props) {
  const t = useT();
  const { locale } = useLocale();
  const ref = useRef<HTMLVideoElement>(null);
  const lastSaved = useRef<{ at: number; seconds: number }>({ at: 0, seconds: startAt ?? 0 });
  const [resumedAt, setResumedAt] = useState<number | null>(null);
  const lang = captionsLang || locale;
  let trackLabel = t("ui.files.captions");
  try {
    trackLabel = new Intl.DisplayNames([locale], { type: "language" }).of(lang) ?? trackLabel;
  } catch {}

  const save = useCallback(
    (seconds: number, opts: { leaving?: boolean } = {}) => {
      if (!savePosition || !Number.isFinite(seconds)) return;
      if (Math.abs(seconds - lastSaved.current.seconds) < 0.5) return;
      lastSaved.current = { at: Date.now(), seconds };
      const body = { seconds: Math.max(0, seconds) };
      const params = { id: courseId, itemId };
      if (opts.leaving) {
        // the page is going away: a keepalive request outlives it
        void fetch(url(`/api/v1/courses/${courseId}/items/${itemId}/position`), {
          method: "PUT",
          keepalive: true,
          credentials: "same-origin",
          headers: { "content-type": "application/json", "x-csrf-token": currentCsrfToken() },
          body: JSON.stringify(body),
        }).catch(() => undefined);
        return;
      }
      api(saveItemPosition, { params, body }).catch(() => undefined);
    },
    [savePosition, courseId, itemId],
  );

  useEffect(() => {
    const v = ref.current;
    if (!v) return;
    const onMeta = () => {
      // near the end (or past it) means finished: start again from the beginning
      if (startAt && startAt > 1 && (!Number.isFinite(v.duration) || startAt < v.duration - 2)) {
        v.currentTime = startAt;
        setResumedAt(startAt);
      }
    };
    const onTime = () => {
      if (!v.paused && Date.now() - lastSaved.current.at >= SAVE_EVERY_MS) save(v.currentTime);
    };
    const onPause = () => save(v.currentTime);
    const onEnded = () => save(0);
    const onLeave = () => {
      if (document.visibilityState === "hidden" && v.currentTime > 0) save(v.currentTime, { leaving: true });
    };
    const onPageHide = () => v.currentTime > 0 && save(v.currentTime, { leaving: true });
    v.addEventListener("loadedmetadata", onMeta);
    v.addEventListener("timeupdate", onTime);
    v.addEventListener("pause", onPause);
    v.addEventListener("ended", onEnded);
    document.addEventListener("visibilitychange", onLeave);
    window.addEventListener("pagehide", onPageHide);
    if (v.readyState >= 1) onMeta();
    return () => {
      v.removeEventListener("loadedmetadata", onMeta);
      v.removeEventListener("timeupdate", onTime);
      v.removeEventListener("pause", onPause);
      v.removeEventListener("ended", onEnded);
      document.removeEventListener("visibilitychange", onLeave);
      window.removeEventListener("pagehide", onPageHide);
      // leaving the item inside the app
      if (v.currentTime > 0 && !v.ended) save(v.currentTime);
    };
  }, [startAt, save]);

  return (
    <figure className="video">
      {/* biome-ignore lint/a11y/useMediaCaption: the captions track is added when the item has one */}
      <video
        ref={ref}
        controls
        preload="metadata"
        playsInline
        src={url(fileUrl(fileId))}
        aria-label={`${t("ui.files.video")} : ${title}`}
        className="video-player"
      >
        {captionsFileId && <track kind="captions" src={url(fileUrl(captionsFileId))} srcLang={lang} label={trackLabel} default />}
        <p>
          {t("ui.files.noVideo")} <a href={url(fileUrl(fileId))}>{title}</a>
        </p>
      </video>
      {resumedAt !== null && (
        <figcaption className="video-resume">
          <span role="status">{t("ui.files.resumed", { time: clock(resumedAt) })}</span>
          <Button
            className="btn btn-quiet btn-small"
            onPress={() => {
              if (ref.current) ref.current.currentTime = 0;
              setResumedAt(null);
            }}
          >
            {t("ui.files.restart")}
          </Button>
        </figcaption>
      )}
    </figure>
  );
}

/** A download link naming the file and its size (documents are served as attachments). */
export function FileDownload({ fileId }: { fileId: string }) {
  const t = useT();
  const size = useFormatSize();
  const q = useQuery({ queryKey: ["files", fileId], queryFn: () => api(getFileInfo, { params: { id: fileId } }), staleTime: Number.POSITIVE_INFINITY });
  if (!q.data) return null;
  return (
    <p>
      <a className="btn btn-primary" href={url(fileUrl(fileId))} download={q.data.name}>
        {t("ui.files.download", { name: q.data.name, size: size(q.data.size) })}
      </a>
    </p>
  );
}
