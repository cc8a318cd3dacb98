import { queryOptions } from "@tanstack/react-query";
import { api } from "../../../web/api.ts";
import { getCourse, getCourseAbout, listMembers, listMyCourses, listTemplates } from "../shared/contract.ts";

export const courseQuery = (id: string) => queryOptions({ queryKey: ["course", id], queryFn: () => api(getCourse, { params: { id } }) });
export const aboutQuery = (id: string) => queryOptions({ queryKey: ["course", id, "about"], queryFn: () => api(getCourseAbout, { params: { id } }) });
export const teamQuery = (id: string) => queryOptions({ queryKey: ["course", id, "team"], queryFn: () => api(listMembers, { params: { id }, query: {} }).then((r) => r.items) });
export const myCoursesQuery = queryOptions({ queryKey: ["my-courses"], queryFn: () => api(listMyCourses).then((r) => r.items) });
export const templatesQuery = queryOptions({ queryKey: ["course-templates"], queryFn: () => api(listTemplates).then((r) => r.items) });
