export async function loadForumDemo() {}
