export async function loadQuizDemo() {}
