export async function loadAssignmentDemo() {}
