import { queryOptions } from "@tanstack/react-query";
import { api } from "../../../web/api.ts";
import { getEnrolment, getEnrolmentSettings, getMyProgress, getProgramme, listProgrammes, listRules, myProgrammes, openProgrammes, whatsNext } from "../shared/contract.ts";

export const enrolmentQuery = (id: string) => queryOptions({ queryKey: ["course", id, "enrolment"], queryFn: () => api(getEnrolment, { params: { id } }) });
export const myProgressQuery = (id: string) => queryOptions({ queryKey: ["course", id, "my-progress"], queryFn: () => api(getMyProgress, { params: { id } }) });
export const settingsQuery = (id: string) =>
  queryOptions({ queryKey: ["course", id, "enrolment-settings"], queryFn: () => api(getEnrolmentSettings, { params: { id } }) });
export const rulesQuery = (id: string) =>
  queryOptions({ queryKey: ["course", id, "enrolment-rules"], queryFn: () => api(listRules, { params: { id } }).then((r) => r.items) });
export const nextQuery = queryOptions({ queryKey: ["me", "next"], queryFn: () => api(whatsNext).then((r) => r.items) });
export const myProgrammesQuery = queryOptions({ queryKey: ["me", "programmes"], queryFn: () => api(myProgrammes).then((r) => r.items) });
export const openProgrammesQuery = queryOptions({ queryKey: ["me", "open-programmes"], queryFn: () => api(openProgrammes).then((r) => r.items) });
export const managedProgrammesQuery = queryOptions({ queryKey: ["programmes"], queryFn: () => api(listProgrammes).then((r) => r.items) });
export const programmeQuery = (id: string) => queryOptions({ queryKey: ["programmes", id], queryFn: () => api(getProgramme, { params: { id } }) });
