/**
 * Communication rules: whom a person may START a conversation with, by their profile, set per
 * platform and organisation node (the rule of the nearest node above the person wins; none = the
 * defaults below). Replying inside a conversation someone else started is always allowed (unless
 * blocked), so a teacher can write to a parent and get an answer.
 * Relations:
 * - anyone: every active person of the platform
 * - classmates / class_teachers: learners / teachers placed on the same class or group node
 * - course_mates / course_teachers: learners / teachers (managers, assistants) of the same courses
 * - staff: staff and admins of the person's nodes and the nodes above them
 * - children_teachers: teachers of one's children's classes (placed on them or assigned a subject
 *   there) and courses; children are linked to parents by the school module
 */
export const RELATIONS = ["anyone", "classmates", "class_teachers", "course_mates", "course_teachers", "staff", "children_teachers"] as const;
export type Relation = (typeof RELATIONS)[number];
export const RULE_PROFILES = ["learner", "parent", "teacher", "staff", "admin"] as const;
export type RuleProfile = (typeof RULE_PROFILES)[number];

export const DEFAULT_RULES: Record<RuleProfile, Relation[]> = {
  learner: ["classmates", "class_teachers", "course_teachers", "staff"],
  parent: ["children_teachers", "staff"],
  teacher: ["anyone"],
  staff: ["anyone"],
  admin: ["anyone"],
};
