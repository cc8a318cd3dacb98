import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { Button, DropZone, FileTrigger, Label, ProgressBar, Text } from "react-aria-components";
import { ApiError, api, currentCsrfToken, url } from "../../../web/api.ts";
import { useLocale, useT } from "../../../web/i18n.tsx";
import { useAnnounce } from "../../../web/ui.tsx";
import { type FilePurpose, getFileInfo, getUploadLimits, type UploadedFile, uploadFile } from "../shared/contract.ts";
import "./files.css";

/** What the file picker offers for each use (the server checks the bytes whatever is picked). */
const ACCEPT: Record<FilePurpose, string[]> = {
  document: [
    "application/pdf",
    ".pdf",
    ".odt",
    ".ods",
    ".odp",
    ".docx",
    ".xlsx",
    ".pptx",
    ".txt",
    ".csv",
    ".zip",
    "image/png",
    "image/jpeg",
    "image/webp",
    "image/gif",
  ],
  video: ["video/mp4", "video/webm", "video/ogg", ".mp4", ".m4v", ".webm", ".ogv"],
  captions: ["text/vtt", ".vtt"],
  image: ["image/png", "image/jpeg", "image/webp", "image/gif"],
};
const HINT: Record<FilePurpose, string> = {
  document: "ui.files.acceptDocument",
  video: "ui.files.acceptVideo",
  captions: "ui.files.acceptCaptions",
  image: "ui.files.acceptImage",
};

export const limitsQuery = { queryKey: ["files", "limits"], queryFn: () => api(getUploadLimits), staleTime: Number.POSITIVE_INFINITY };

/** Bytes in the reader's language: "1,5 Mo", "320 kB". */
export function useFormatSize() {
  const { locale } = useLocale();
  return (bytes: number) => {
    const [unit, n] =
      bytes >= 1024 * 1024
        ? (["megabyte", bytes / (1024 * 1024)] as const)
        : bytes >= 1024
          ? (["kilobyte", bytes / 1024] as const)
          : (["byte", bytes] as const);
    return new Intl.NumberFormat(locale, { style: "unit", unit, maximumFractionDigits: 1 }).format(n);
  };
}

/**
 * Sends one file with XHR (fetch has no upload progress). Resolves with the stored file; rejects
 * with an ApiError carrying the server's localized message, or code "aborted" when cancelled.
 */
export function sendFile(file: File, purpose: FilePurpose, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(uploadFile.method, url(`${uploadFile.path}?purpose=${purpose}`));
    xhr.setRequestHeader("x-csrf-token", currentCsrfToken());
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { error?: { code?: string; message?: string; fields?: Record<string, string> } } | UploadedFile | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {}
      if (xhr.status === 200 && body) return resolve(body as UploadedFile);
      const e = (body as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null)?.error;
      reject(new ApiError(xhr.status, e?.code ?? "internal", e?.fields?.file ?? e?.message ?? "", e?.fields ?? {}));
    };
    xhr.onerror = () => reject(new ApiError(0, "network", ""));
    xhr.onabort = () => reject(new ApiError(0, "aborted", ""));
    signal.addEventListener("abort", () => xhr.abort());
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
}

type Props = {
  purpose: FilePurpose;
  label: string;
  /** name of the hidden form field carrying the file id (read by `formValues`) */
  name: string;
  /** id of the file already chosen (editing an item): its name and size are fetched */
  initialId?: string | null;
  onChange?: (file: UploadedFile | null) => void;
  isRequired?: boolean;
  /** a server field error for this file (e.g. "not usable") */
  errorMessage?: string;
};

/**
 * Upload field: drop a file or choose one (keyboard and screen readers use the button), a
 * progress bar while it is sent, a cancel button, and the server's reason when refused.
 */
export function FileUpload({ purpose, label, name, initialId = null, onChange, isRequired, errorMessage }: Props) {
  const t = useT();
  const announce = useAnnounce();
  const size = useFormatSize();
  const limits = useQuery(limitsQuery);
  const maxMb = limits.data?.maxMb[purpose];
  const [file, setFile] = useState<{ id: string; name?: string; size?: number } | null>(initialId ? { id: initialId } : null);
  const info = useQuery({
    queryKey: ["files", file?.id],
    queryFn: () => api(getFileInfo, { params: { id: file!.id } }),
    enabled: !!file && file.name === undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const shown = file && file.name === undefined && info.data ? info.data : file;
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const errorId = useId();
  useEffect(() => () => abort.current?.abort(), []);

  const start = async (f: File) => {
    setError(null);
    if (f.size === 0) return setError(t("ui.files.empty", { name: f.name }));
    if (maxMb && f.size > maxMb * 1024 * 1024) return setError(t("ui.files.tooLarge", { name: f.name, max: String(maxMb) }));
    abort.current?.abort();
    const ctrl = new AbortController();
    abort.current = ctrl;
    setProgress({ name: f.name, fraction: 0 });
    try {
      const stored = await sendFile(f, purpose, (fraction) => setProgress({ name: f.name, fraction }), ctrl.signal);
      setFile(stored);
      onChange?.(stored);
      announce(t("ui.files.uploaded", { name: stored.name, size: size(stored.size) }));
    } catch (e) {
      const err = e as ApiError;
      if (err.code === "aborted") announce(t("ui.files.cancelled"));
      else setError(err.code === "network" ? t("ui.files.networkError") : err.message || t("ui.errors.unexpected"));
    } finally {
      if (abort.current === ctrl) abort.current = null;
      setProgress(null);
    }
  };

  const shownError = error ?? errorMessage ?? null;
  return (
    <fieldset className="field file-upload" aria-describedby={shownError ? errorId : undefined}>
      <legend className="label">
        {label}
        {isRequired && (
          <span className="required" aria-hidden="true">
            {" "}
            *
          </span>
        )}
      </legend>
      <input type="hidden" name={name} value={file?.id ?? ""} />
      {shown && !progress && (
        <p className="file-current">
          <span>{t("ui.files.current", { name: shown.name ?? "…" })}</span>
          {shown.size !== undefined && <span className="muted small"> ({size(shown.size)})</span>}
          <Button
            className="btn btn-quiet btn-small"
            onPress={() => {
              setFile(null);
              onChange?.(null);
            }}
          >
            {t("ui.files.remove")}
          </Button>
        </p>
      )}
      {progress ? (
        <div className="file-progress">
          <ProgressBar value={progress.fraction * 100} className="progress">
            {({ valueText, percentage }) => (
              <>
                <div className="progress-head">
                  <Label>{t("ui.files.uploading", { name: progress.name })}</Label>
                  <span className="progress-value">{valueText}</span>
                </div>
                <div className="progress-track">
                  <div className="progress-fill" style={{ width: `${percentage}%` }} />
                </div>
              </>
            )}
          </ProgressBar>
          <Button className="btn btn-secondary btn-small" onPress={() => abort.current?.abort()}>
            {t("ui.files.cancel")}
          </Button>
        </div>
      ) : (
        <DropZone
          className={({ isDropTarget }) => `dropzone${isDropTarget ? " dropzone-active" : ""}${shownError ? " dropzone-invalid" : ""}`}
          getDropOperation={(types) => (types.has("Files") || [...ACCEPT[purpose]].some((a) => a.includes("/") && types.has(a)) ? "copy" : "cancel")}
          onDrop={async (e) => {
            const item = e.items.find((i) => i.kind === "file");
            if (item && item.kind === "file") await start(await item.getFile());
          }}
        >
          <Text slot="label" className="dropzone-text">
            {t("ui.files.dropHere")}
          </Text>
          <FileTrigger acceptedFileTypes={ACCEPT[purpose]} onSelect={(files) => files?.[0] && start(files[0])}>
            <Button className="btn btn-secondary">{t("ui.files.choose")}</Button>
          </FileTrigger>
          <Text slot="description" className="field-help">
            {t(HINT[purpose], { max: String(maxMb ?? "") })}
          </Text>
        </DropZone>
      )}
      {shownError && (
        <p className="field-error" id={errorId} role="alert">
          {shownError}
        </p>
      )}
    </fieldset>
  );
}
