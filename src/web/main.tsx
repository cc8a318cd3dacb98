import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApiError } from "./api.ts";
import { chosenLocale, I18nProvider, isLocale, loadMessages } from "./i18n.tsx";
import { makeRouter } from "./router.tsx";
import { platformQuery } from "./session.ts";
import "./styles.css";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: (n, e) => n < 2 && !(e instanceof ApiError && e.status > 0 && e.status < 500), refetchOnWindowFocus: false },
  },
});
const router = makeRouter(queryClient);

async function start() {
  // the server negotiates the language (account, cookie, browser, platform default)
  const platform = await queryClient.fetchQuery(platformQuery).catch(() => null);
  const locale = chosenLocale() ?? (isLocale(platform?.locale) ? platform.locale : "fr");
  const messages = await loadMessages(locale);
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <I18nProvider initial={locale} initialMessages={messages}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </I18nProvider>
    </StrictMode>,
  );
}
start();
