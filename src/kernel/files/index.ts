/**
 * The files service every module uses: uploads streamed into the database in chunks, type and
 * name checks, range reads, and the registry saying who may read a file (see access.ts).
 */
export { assertUsableFile, type FileReferenceCheck, loadVisibleFile, maySeeFile, registerFileReferences } from "./access.ts";
export { ALLOWED, checkVtt, sanitizeName } from "./checks.ts";
export {
  CAPTIONS_MAX,
  CHUNK,
  copyFileAcross,
  deleteFile,
  describeFiles,
  type FileRow,
  findFile,
  markFilesReady,
  readRange,
  type StoredFile,
  storeUpload,
} from "./store.ts";
