/** The files module's web parts other modules use: upload field, video player, download link. */
export { FileUpload, limitsQuery, sendFile, useFormatSize } from "./file-upload.tsx";
export { FileDownload, VideoPlayer } from "./video-player.tsx";
